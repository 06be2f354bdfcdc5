package io.smartcrm.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback port checks and free-port selection. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String what, String option, String setting) {
        if (!isFree(port)) {
            throw new PortInUseException(what, port, option, setting);
        }
    }

    static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Replaces each 0 by a distinct free port; other values are kept. */
    static int[] resolve(int... configured) {
        int[] resolved = configured.clone();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < resolved.length; i++) {
                while (resolved[i] == 0) {
                    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                    held.add(socket); // held open so the next pick cannot return the same port
                    if (!contains(configured, socket.getLocalPort())) {
                        resolved[i] = socket.getLocalPort();
                    }
                }
            }
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pick a free port on " + HOST, e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was bound for long; closing a probe socket cannot matter
        }
    }
}
