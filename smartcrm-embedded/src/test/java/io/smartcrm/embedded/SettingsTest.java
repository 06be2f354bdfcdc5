package io.smartcrm.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void kafkaDefaultsAndWithers() {
        KafkaSettings settings = KafkaSettings.of(Path.of("data/../data/kafka"));
        assertThat(settings.dataDir()).isAbsolute().endsWithRaw(Path.of("data", "kafka"));
        assertThat(settings.dataDir().toString()).doesNotContain("..");
        assertThat(settings.port()).isEqualTo(9092);
        assertThat(settings.controllerPort()).isEqualTo(9093);
        assertThat(settings.heap()).isEqualTo("512m");

        KafkaSettings changed = settings.withPort(0).withControllerPort(0).withHeap("1g")
                .withStartTimeout(Duration.ofSeconds(5)).withStopTimeout(Duration.ofSeconds(6))
                .withProperty("log.retention.hours", "24");
        assertThat(changed).isEqualTo(new KafkaSettings(settings.dataDir(), 0, 0, "1g", Duration.ofSeconds(5),
                Duration.ofSeconds(6), Map.of("log.retention.hours", "24")));
        assertThat(settings.extraProperties()).isEmpty();
    }

    @Test
    void elasticsearchDefaultsAndWithers() {
        ElasticsearchSettings settings = ElasticsearchSettings.of(Path.of("/tmp/es"));
        assertThat(settings.httpPort()).isEqualTo(9200);
        assertThat(settings.transportPort()).isEqualTo(9300);
        assertThat(settings.heap()).isEqualTo("1g");
        ElasticsearchSettings changed = settings.withHttpPort(1).withTransportPort(2).withHeap("768m")
                .withSetting("http.max_content_length", "200mb");
        assertThat(changed.httpPort()).isEqualTo(1);
        assertThat(changed.transportPort()).isEqualTo(2);
        assertThat(changed.heap()).isEqualTo("768m");
        assertThat(changed.extraSettings()).containsEntry("http.max_content_length", "200mb");
    }

    @Test
    void rejectsInvalidValues() {
        KafkaSettings kafka = KafkaSettings.of(Path.of("/tmp/k"));
        assertThatThrownBy(() -> kafka.withPort(65536)).hasMessageContaining("port").hasMessageContaining("65536");
        assertThatThrownBy(() -> kafka.withPort(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kafka.withPort(9093)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> kafka.withHeap("512 MB")).hasMessageContaining("512 MB");
        assertThatThrownBy(() -> kafka.withHeap("-Xmx1g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kafka.withStartTimeout(Duration.ZERO)).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> kafka.withStopTimeout(Duration.ofSeconds(-1))).hasMessageContaining("stopTimeout");

        ElasticsearchSettings es = ElasticsearchSettings.of(Path.of("/tmp/e"));
        assertThatThrownBy(() -> es.withTransportPort(9200)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> es.withHeap("")).isInstanceOf(IllegalArgumentException.class);
        // two automatically picked ports are fine: they are made distinct at start
        assertThat(es.withHttpPort(0).withTransportPort(0).httpPort()).isZero();
    }
}
