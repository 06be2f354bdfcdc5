package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aTakenPortIsReportedWithTheOptionToChangeIt() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThat(Ports.accepts(port, 1000)).isTrue();

            PortInUseException error = catchThrowableOfType(PortInUseException.class,
                    () -> Ports.requireFree(taken.getLocalPort(), "Kafka", "--kafka-port", "KafkaSettings.withPort"));

            assertThat(error.port()).isEqualTo(port);
            assertThat(error.option()).isEqualTo("--kafka-port");
            assertThat(error).hasMessage("Kafka port " + port + " on 127.0.0.1 is already in use: stop the process"
                    + " holding it or choose another port with --kafka-port (KafkaSettings.withPort)");
        }
        assertThat(Ports.isFree(port)).isTrue();
        assertThat(Ports.accepts(port, 1000)).isFalse();
    }

    @Test
    void zerosBecomeDistinctFreePortsAndOtherPortsAreKept() {
        int fixed = Ports.resolve(0)[0];
        int[] ports = Ports.resolve(0, 0, fixed);

        assertThat(ports[2]).isEqualTo(fixed);
        assertThat(ports[0]).isPositive().isNotEqualTo(ports[1]).isNotEqualTo(fixed);
        assertThat(ports[1]).isPositive().isNotEqualTo(fixed);
        assertThat(Ports.isFree(ports[0])).isTrue();
        assertThat(Ports.isFree(ports[1])).isTrue();
    }
}
