package net.taler.http;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.UnixOperatingSystemMXBean;

/** The process's file-descriptor limit, which bounds how many connections it can hold. */
final class FileDescriptors {
    private FileDescriptors() {
    }

    /** The soft {@code RLIMIT_NOFILE} (which the JVM raises to the hard limit at start), or -1 if unknown. */
    static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
