package net.taler.secmod.server;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.ProtocolException;

/**
 * The listening side of a helper (secmod.md 5): a UNIX stream socket at {@code UNIXPATH}
 * (parent directory created, stale socket unlinked, mode 0660 so the group — the httpd — can
 * connect), one thread per client. A new client first gets AVAIL for every current key and
 * SYNCED; afterwards its requests are handled strictly in order, and key changes are pushed
 * as AVAIL/PURGE as soon as the {@link KeyRing} reports them.
 */
public final class SecmodServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(SecmodServer.class.getName());
    public static final int DEFAULT_MAX_CLIENTS = 1024;
    /** A client that does not read its replies for this long is dropped. */
    static final long WRITE_TIMEOUT_MILLIS = 30_000;
    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-rw----");
    static final Set<PosixFilePermission> SOCKET_DIR_MODE = PosixFilePermissions.fromString("rwxr-x---");

    private final Path socketPath;
    private final KeyRing<?> ring;
    private final RequestHandler handler;
    private final byte[] synced;
    private final int maxClients;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong counter = new AtomicLong();
    private ServerSocketChannel listener;
    private Thread acceptor;
    private volatile boolean closed;

    public SecmodServer(Path socketPath, KeyRing<?> ring, RequestHandler handler, int maxClients) {
        this.socketPath = socketPath;
        this.ring = ring;
        this.handler = handler;
        this.synced = ring.cipher().syncedMessage();
        this.maxClients = maxClients;
    }

    /** Binds the socket and starts accepting clients. */
    public void start() throws IOException {
        Path parent = socketPath.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(SOCKET_DIR_MODE));
        }
        if (Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(socketPath, LinkOption.NOFOLLOW_LINKS)) {
            LOG.info("removing stale socket " + socketPath);
            Files.delete(socketPath);
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(socketPath), 512);
            Files.setPosixFilePermissions(socketPath, SOCKET_MODE);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        listener = ch;
        ring.addListener(this::wakeAll);
        acceptor = new Thread(this::acceptLoop, "secmod-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("listening on " + socketPath);
    }

    public Path socketPath() {
        return socketPath;
    }

    /** Number of connected clients. */
    public int clientCount() {
        return sessions.size();
    }

    /** The lowest generation some connected client has seen (the ring's current one if none). */
    public long minSeenGeneration() {
        long min = ring.generation();
        for (Session s : sessions) {
            min = Math.min(min, s.seen);
        }
        return min;
    }

    private void wakeAll() {
        for (Session s : sessions) {
            s.channel.wakeup();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = listener.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                LOG.warning("accept failed: " + e);
                pause();
                continue;
            }
            if (sessions.size() >= maxClients) {
                LOG.warning("refusing client: already " + maxClients + " clients connected");
                closeQuietly(c);
                continue;
            }
            try {
                Session s = new Session(new FramedChannel(c, WRITE_TIMEOUT_MILLIS));
                sessions.add(s);
                Thread t = new Thread(s, "secmod-client-" + counter.incrementAndGet());
                t.setDaemon(true);
                s.thread = t;
                t.start();
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                LOG.warning("cannot serve new client: " + e);
                closeQuietly(c);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // ignore
        }
    }

    /** One client connection and its thread. */
    private final class Session implements Runnable {
        final FramedChannel channel;
        /** Generation whose changes this client has; set before the session is visible to trimming. */
        volatile long seen;
        volatile Thread thread;

        Session(FramedChannel channel) {
            this.channel = channel;
            this.seen = ring.generation();
        }

        @Override
        public void run() {
            try {
                KeyRing.Messages snap = ring.snapshot();
                for (byte[] m : snap.messages()) {
                    channel.send(m);
                }
                channel.send(synced);
                seen = snap.generation();
                while (!closed) {
                    Frame f = channel.receive(-1);
                    if (f != null) {
                        handler.handle(f, channel);
                    }
                    if (ring.generation() != seen) {
                        push();
                    }
                }
            } catch (EOFException e) {
                LOG.fine("client disconnected: " + e.getMessage());
            } catch (ProtocolException e) {
                LOG.warning("dropping client after protocol violation: " + e.getMessage());
            } catch (IOException e) {
                if (!closed) {
                    LOG.info("client connection failed: " + e);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "internal error while serving a client; dropping it", e);
            } finally {
                channel.close();
                sessions.remove(this);
            }
        }

        private void push() throws IOException {
            KeyRing.Messages changes = ring.changesSince(seen);
            if (changes == null) {
                throw new IOException("client missed key changes; dropping it so it resynchronizes");
            }
            for (byte[] m : changes.messages()) {
                channel.send(m);
            }
            seen = changes.generation();
            channel.flush();
        }
    }

    /** Stops accepting, disconnects all clients and removes the socket file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                // ignore
            }
            try {
                Files.deleteIfExists(socketPath);
            } catch (IOException e) {
                LOG.warning("cannot remove socket " + socketPath + ": " + e);
            }
        }
        for (Session s : sessions) {
            s.channel.close();
        }
        for (Session s : sessions) {
            Thread t = s.thread;
            if (t != null) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (acceptor != null) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
