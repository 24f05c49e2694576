package net.taler.secmod.server;

import net.taler.common.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.MessageBuilder;
import net.taler.common.secmod.MessageSink;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared server core on a real UNIX socket with a trivial helper: type 100 echoes as 101,
 * type 102 revokes a key.
 */
class SecmodServerTest {
    private static final int ECHO = 100;
    private static final int ECHOED = 101;
    private static final int REVOKE = 102;
    private static final RelativeTime HOUR = RelativeTime.ofSeconds(3600);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_700_000_000L));
    private final List<FramedChannel> clients = new ArrayList<>();
    private SecmodCore<EddsaPrivateKey> core;
    private Series<EddsaPrivateKey> series;

    private Path socket() {
        return dir.resolve("run/sub/server.sock");
    }

    private SecmodCore<EddsaPrivateKey> start(int maxClients) {
        SecmodConfig sc = new SecmodConfig("test", dir.resolve("keys"), socket(), dir.resolve("sm/key"),
                RelativeTime.ofSeconds(7200), RelativeTime.ofSeconds(300));
        series = new Series<>("COIN_x", HOUR, dir.resolve("keys/COIN_x"), EddsaPrivateKey::generate);
        core = new SecmodCore<>(sc, new TestCipher(false), List.of(series), ctx -> new RequestHandler() {
            @Override
            public void handle(Frame f, MessageSink out) throws IOException {
                switch (f.type()) {
                    case ECHO -> out.send(MessageBuilder.of(ECHOED).bytes(f.body().rest()).build());
                    case REVOKE -> ctx.ring().revoke(new EddsaPublicKey(Messages.parseKeyId(f, 32)));
                    default -> throw new ProtocolException("unknown type " + f.type());
                }
            }
        }, 2, clock, maxClients);
        core.start(Timestamp.now(clock));
        return core;
    }

    @AfterEach
    void stop() {
        for (FramedChannel c : clients) {
            c.close();
        }
        if (core != null) {
            core.close();
        }
    }

    private FramedChannel connect() throws IOException {
        FramedChannel c = FramedChannel.connect(socket(), 5000);
        clients.add(c);
        return c;
    }

    /** Reads the initial AVAIL messages up to SYNCED. */
    private static List<Frame> sync(FramedChannel c) throws IOException {
        List<Frame> out = new ArrayList<>();
        while (true) {
            Frame f = c.receive(5000);
            if (f == null) {
                throw new IOException("no SYNCED in time");
            }
            if (f.type() == TestCipher.SYNCED) {
                return out;
            }
            assertEquals(TestCipher.AVAIL, f.type());
            out.add(f);
        }
    }

    private static Frame next(FramedChannel c) throws IOException {
        Frame f = c.receive(5000);
        if (f == null) {
            throw new IOException("nothing received in time");
        }
        return f;
    }

    @Test
    void socketIsGroupAccessibleAndClientsGetAllKeysThenSynced() throws Exception {
        Files.createDirectories(socket().getParent());
        Files.writeString(socket(), "stale");
        start(16);
        assertTrue(Files.exists(socket(), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isRegularFile(socket(), LinkOption.NOFOLLOW_LINKS), "stale file replaced by the socket");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
        List<Frame> avail = sync(connect());
        assertEquals(core.ring().allKeys().size(), avail.size());
        assertEquals(3, avail.size()); // 0, 55, 110 min for 2 h lookahead + 5 min overlap
        Path fresh = dir.resolve("fresh/dir/s.sock");
        SecmodConfig sc2 = new SecmodConfig("t2", dir.resolve("k2"), fresh, dir.resolve("sm2"),
                RelativeTime.ofSeconds(60), RelativeTime.ofSeconds(1));
        try (SecmodCore<EddsaPrivateKey> other = new SecmodCore<>(sc2, new TestCipher(false), List.of(),
                ctx -> (f, out) -> {
                }, 1, clock)) {
            other.start(Timestamp.now(clock));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())));
            FramedChannel c = FramedChannel.connect(fresh, 1000);
            clients.add(c);
            assertTrue(sync(c).isEmpty(), "no denominations: an empty set, still SYNCED");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start(16);
        FramedChannel c = connect();
        sync(c);
        for (int i = 0; i < 500; i++) {
            c.send(MessageBuilder.of(ECHO).u32(i).bytes(new byte[i % 97]).build());
        }
        c.flush();
        for (int i = 0; i < 500; i++) {
            Frame f = next(c);
            assertEquals(ECHOED, f.type());
            assertEquals(i, f.body().u32());
        }
    }

    private static final byte[] GOOD = new byte[] {0, 8, 0, ECHO, 1, 2, 3, 4};

    @ParameterizedTest
    @ValueSource(strings = {"short-header", "unknown-type", "truncated", "wrong-size", "after-good"})
    void badInputClosesOnlyThatConnection(String kind) throws Exception {
        start(16);
        FramedChannel good = connect();
        sync(good);
        SocketChannel bad = SocketChannel.open(StandardProtocolFamily.UNIX);
        bad.connect(UnixDomainSocketAddress.of(socket()));
        byte[] payload = switch (kind) {
            case "short-header" -> new byte[] {0, 3, 0, ECHO};
            case "unknown-type" -> MessageBuilder.of(4242).u32(0).build();
            case "truncated" -> new byte[] {0, 100, 0, ECHO, 1, 2, 3};
            case "wrong-size" -> MessageBuilder.of(REVOKE).u32(0).bytes(new byte[40]).build();
            case "after-good" -> concat(GOOD, MessageBuilder.of(999).build());
            default -> throw new IllegalArgumentException(kind);
        };
        bad.write(ByteBuffer.wrap(payload));
        if (kind.equals("truncated")) {
            bad.shutdownOutput();
        }
        // the server closes the bad connection: reading reaches EOF (after the initial sync and any reply)
        bad.configureBlocking(true);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        long deadline = System.nanoTime() + 5_000_000_000L;
        int n;
        do {
            sink.clear();
            n = bad.read(sink);
        } while (n > 0 && System.nanoTime() < deadline);
        assertEquals(-1, n, "server closed the connection");
        bad.close();
        // the other client is still served
        good.send(GOOD);
        Frame f = next(good);
        assertEquals(ECHOED, f.type());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, f.body().rest());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void revocationIsPushedToEveryConnectedClient() throws Exception {
        start(16);
        FramedChannel a = connect();
        FramedChannel b = connect();
        sync(a);
        sync(b);
        ManagedKey<EddsaPrivateKey> victim = core.ring().keys(series).get(1);
        FramedChannel c = connect();
        sync(c);
        c.send(Messages.withKeyId(REVOKE, victim.id()));
        c.flush();
        Consumer<FramedChannel> check = ch -> {
            try {
                Frame purge = next(ch);
                assertEquals(TestCipher.PURGE, purge.type());
                assertArrayEquals(victim.id().bytes(), Messages.parseKeyId(purge, 32));
                Frame avail = next(ch);
                assertEquals(TestCipher.AVAIL, avail.type());
                assertEquals(victim.anchor(), avail.body().timestamp(), "replacement has the same anchor");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        check.accept(a);
        check.accept(b);
        check.accept(c);
        assertFalse(core.ring().allKeys().stream().anyMatch(k -> k.id().equals(victim.id())));
    }

    @Test
    void timeTravelPushesNewKeysToIdleClients() throws Exception {
        start(16);
        FramedChannel a = connect();
        int initial = sync(a).size();
        long g = core.ring().generation();
        clock.advance(Duration.ofMinutes(61));
        core.maintainNow();
        assertTrue(core.ring().generation() > g);
        Frame f = next(a);
        assertEquals(TestCipher.AVAIL, f.type(), "expiry is silent for this cipher, new keys are announced");
        assertEquals(initial, core.ring().allKeys().size(), "one expired, one created");
        // a client connecting now gets the current set only
        assertEquals(core.ring().allKeys().size(), sync(connect()).size());
    }

    @Test
    void clientsBeyondTheLimitAreRefused() throws Exception {
        start(2);
        sync(connect());
        sync(connect());
        FramedChannel third = connect();
        assertThrows(EOFException.class, () -> third.receive(5000));
    }

    @Test
    void closeRemovesTheSocketAndDisconnectsClients() throws Exception {
        start(16);
        FramedChannel a = connect();
        sync(a);
        core.close();
        assertFalse(Files.exists(socket(), LinkOption.NOFOLLOW_LINKS));
        assertThrows(EOFException.class, () -> a.receive(5000));
        assertTrue(Files.exists(dir.resolve("sm/key")), "keys stay");
    }
}
