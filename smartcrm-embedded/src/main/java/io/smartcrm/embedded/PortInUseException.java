package io.smartcrm.embedded;

/** A port an embedded server needs is already taken; raised before any process is started. */
public class PortInUseException extends EmbeddedServerException {

    private static final long serialVersionUID = 1L;

    private final int port;
    private final String option;

    PortInUseException(String what, int port, String option, String setting) {
        super(what + " port " + port + " on " + Ports.HOST + " is already in use: stop the process holding it"
                + " or choose another port with " + option + " (" + setting + ")");
        this.port = port;
        this.option = option;
    }

    public int port() {
        return port;
    }

    /** The {@code ./smartcrm run} option that moves this port, e.g. {@code --kafka-port}. */
    public String option() {
        return option;
    }
}
