package net.taler.common.secmod.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.taler.common.secmod.FramedChannel;

class ConnectionPoolTest {
    private Path dir;
    private Path socket;
    private ServerSocketChannel server;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        dir = Files.createTempDirectory("pool");
        socket = dir.resolve("s.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        for (SocketChannel c : accepted) {
            c.close();
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private ConnectionPool pool(int max) {
        return new ConnectionPool(socket, new PushTypes(1, 2, 3), max, Duration.ofMillis(200), 1000);
    }

    @Test
    void aReturnedConnectionIsLentAgain() throws IOException {
        try (ConnectionPool p = pool(2)) {
            FramedChannel a = p.borrow();
            p.giveBack(a, true);
            assertEquals(1, p.idleCount());
            assertSame(a, p.borrow());
        }
    }

    @Test
    void anUnusableConnectionIsClosedNotKept() throws IOException {
        try (ConnectionPool p = pool(2)) {
            p.giveBack(p.borrow(), false);
            assertEquals(0, p.idleCount());
        }
    }

    @Test
    void atMostMaxConnectionsAreLent() throws IOException {
        try (ConnectionPool p = pool(1)) {
            FramedChannel a = p.borrow();
            assertThrows(ReplyTimeoutException.class, p::borrow);
            p.giveBack(a, true);
            p.giveBack(p.borrow(), true); // the permit came back
        }
    }

    @Test
    void aClosedPoolLendsNothing() {
        ConnectionPool p = pool(1);
        p.close();
        assertThrows(IOException.class, p::borrow);
    }
}
