package net.taler.common.secmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Framing over a real UNIX socket: splitting, coalescing, time-outs, wake-ups, bad headers. */
class FramedChannelTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private SocketChannel raw;
    private FramedChannel framed;

    @BeforeEach
    void connect() throws Exception {
        Path sock = dir.resolve("s");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        framed = FramedChannel.connect(sock, 2000);
        raw = server.accept();
    }

    @AfterEach
    void close() throws Exception {
        framed.close();
        raw.close();
        server.close();
    }

    private void write(byte[] b) throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            raw.write(buf);
        }
    }

    @Test
    void messagesSplitAndCoalescedAreReassembled() throws Exception {
        byte[] a = MessageBuilder.of(7).u32(1).bytes(new byte[300]).build();
        byte[] b = MessageBuilder.of(8).build();
        byte[] c = MessageBuilder.of(9).u64(42).build();
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        write(Arrays.copyOfRange(all, 0, 3));
        assertNull(framed.receive(50));
        write(Arrays.copyOfRange(all, 3, all.length));
        Frame fa = framed.receive(1000);
        assertEquals(7, fa.type());
        assertArrayEquals(a, fa.bytes());
        assertTrue(framed.hasBufferedMessage());
        assertEquals(8, framed.receive(0).type());
        Frame fc = framed.receive(0);
        assertEquals(42, fc.body().u64());
        assertFalse(framed.hasBufferedMessage());
        assertNull(framed.receive(0));
    }

    @Test
    void largestMessagesPassBothWays() throws Exception {
        byte[] big = MessageBuilder.of(1).bytes(new byte[Frame.MAX_SIZE - Frame.HEADER_SIZE]).build();
        assertEquals(Frame.MAX_SIZE, big.length);
        framed.send(big);
        framed.flush();
        ByteBuffer in = ByteBuffer.allocate(big.length);
        while (in.hasRemaining()) {
            raw.read(in);
        }
        assertArrayEquals(big, in.array());
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    write(big);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(big, framed.receive(5000).bytes());
        }
        writer.join();
        assertThrows(IllegalArgumentException.class, () -> MessageBuilder.of(1).bytes(new byte[Frame.MAX_SIZE]).build());
    }

    @Test
    void wakeupEndsAWait() throws Exception {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            framed.wakeup();
        });
        t.start();
        long start = System.nanoTime();
        assertNull(framed.receive(-1));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        t.join();
    }

    @Test
    void eofInTheMiddleOfAMessage() throws Exception {
        write(new byte[] {0, 20, 0, 1, 1, 2});
        raw.shutdownOutput();
        EOFException e = assertThrows(EOFException.class, () -> framed.receive(1000));
        assertTrue(e.getMessage().contains("middle"));
    }

    @Test
    void headerSmallerThanItselfIsAProtocolError() throws Exception {
        write(new byte[] {0, 2, 0, 1});
        assertThrows(ProtocolException.class, () -> framed.receive(1000));
    }

    @Test
    void readerChecksBoundsAndStrings() throws Exception {
        Frame f = Frame.of(MessageBuilder.of(3).u16(5).cString("coin_a").build());
        MessageReader r = f.body();
        assertEquals(5, r.u16());
        assertEquals("coin_a", r.cString(7));
        r.end();
        assertThrows(ProtocolException.class, () -> f.body().bytes(100));
        assertThrows(ProtocolException.class, () -> Frame.of(MessageBuilder.of(3).u32(0).build()).body().cString(4));
        assertThrows(ProtocolException.class, () -> Frame.of(new byte[] {0, 9, 0, 1}));
    }
}
