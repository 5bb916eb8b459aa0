package io.tollgate.deploy.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Checks that a TCP port is free before a process is started on it. */
public final class Ports {

    private static final int CONNECT_TIMEOUT_MS = 300;

    private Ports() {
    }

    /**
     * Fails with a message naming the port and its intended owner when anything listens on it, on
     * the loopback or the wildcard address.
     */
    public static void requireFree(int port, String owner) {
        if (!isFree(port)) {
            throw new LaunchException("port " + port + " (" + owner + ") is already in use",
                "  another process listens on it; find it with: ss -ltnp 'sport = :" + port + "'\n"
                    + "  if it is an earlier Tollgate run, stop it with: ./tollgate down");
        }
    }

    /** True when nothing answers on 127.0.0.1:port and the port can be bound on all addresses. */
    public static boolean isFree(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                CONNECT_TIMEOUT_MS);
            return false;
        } catch (IOException refused) {
            // Nothing accepted the connection: now make sure the port can also be bound.
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** A port that was free a moment ago (for tests; the kernel picks it). */
    public static int freePort() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return server.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
