package net.taler.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * Chooses the Netty transport and opens the listen socket. Native epoll (Linux) is used when it
 * loads, since only it offers UNIX listen sockets, {@code SO_REUSEPORT} and adopting an
 * inherited descriptor; otherwise NIO serves plain TCP.
 */
final class Transport {
    private static final Logger LOG = Logger.getLogger(Transport.class.getName());

    private Transport() {
    }

    static boolean nativeAvailable() {
        return Epoll.isAvailable();
    }

    static EventLoopGroup group(int threads, ThreadFactory tf) {
        return nativeAvailable() ? new EpollEventLoopGroup(threads, tf) : new NioEventLoopGroup(threads, tf);
    }

    /** Binds (or adopts) the listen socket; the bootstrap's group and child handler are already set. */
    static Channel open(ServerBootstrap b, ListenSettings s) throws IOException {
        boolean epoll = nativeAvailable();
        switch (s.kind()) {
            case TCP: {
                if (epoll) {
                    b.channel(EpollServerSocketChannel.class);
                    if (s.reusePort()) {
                        b.option(EpollChannelOption.SO_REUSEPORT, true);
                    }
                } else {
                    if (s.reusePort()) {
                        throw new IOException("SO_REUSEPORT needs the native epoll transport, which did not load: "
                                + Epoll.unavailabilityCause());
                    }
                    b.channel(NioServerSocketChannel.class);
                }
                InetSocketAddress addr = s.bindTo() == null ? new InetSocketAddress(s.port())
                        : new InetSocketAddress(s.bindTo(), s.port());
                return sync(b.bind(addr), "bind to " + s);
            }
            case UNIX: {
                requireEpoll("UNIX sockets");
                Path p = s.unixPath();
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.deleteIfExists(p); // a stale socket of a previous run
                b.channel(EpollServerDomainSocketChannel.class);
                Channel ch = sync(b.bind(new DomainSocketAddress(p.toFile())), "bind to " + s);
                Files.setPosixFilePermissions(p, permissions(s.unixMode()));
                return ch;
            }
            case INHERITED: {
                requireEpoll("socket activation");
                int fd = ListenSettings.SD_LISTEN_FDS_START;
                boolean unix = InheritedSocket.isUnixSocket(fd);
                b.channelFactory(() -> unix ? new EpollServerDomainSocketChannel(fd) : new EpollServerSocketChannel(fd));
                return sync(b.register(), "adopt " + s);
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static void requireEpoll(String what) throws IOException {
        if (!nativeAvailable()) {
            throw new IOException(what + " need the native epoll transport, which did not load: "
                    + Epoll.unavailabilityCause());
        }
    }

    private static Channel sync(io.netty.channel.ChannelFuture f, String what) throws IOException {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            throw new IOException("cannot " + what + ": " + (c == null ? "unknown error" : c.getMessage()), c);
        }
        LOG.fine(() -> what + " ok");
        return f.channel();
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }
}
