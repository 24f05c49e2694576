package net.taler.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tells the address family of a descriptor handed over by systemd, via /proc (Linux). */
final class InheritedSocket {
    private InheritedSocket() {
    }

    /** True if {@code fd} is a UNIX-domain socket (its inode is listed in /proc/net/unix). */
    static boolean isUnixSocket(int fd) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        if (!link.startsWith("socket:[")) {
            throw new IOException("descriptor " + fd + " passed by systemd is not a socket (" + link + ")");
        }
        String inode = link.substring("socket:[".length(), link.length() - 1);
        List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 7 && f[6].equals(inode)) {
                return true;
            }
        }
        return false;
    }
}
