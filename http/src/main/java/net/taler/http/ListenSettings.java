package net.taler.http;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.taler.common.config.ConfigException;
import net.taler.common.config.TalerConfig;

/**
 * Where an HTTP service listens (operations.md 3.3): {@code SERVE = tcp} with {@code PORT} and
 * optional {@code BIND_TO}, {@code SERVE = unix} with {@code UNIXPATH} and {@code UNIXPATH_MODE},
 * or a socket passed by systemd ({@code LISTEN_FDS=1} for this process), which takes precedence.
 *
 * @param kind how to listen
 * @param port TCP port (TCP only; 0 = any free port)
 * @param bindTo TCP address to bind, or null for all
 * @param unixPath socket path (UNIX only)
 * @param unixMode permission bits of the socket file (UNIX only)
 * @param reusePort set {@code SO_REUSEPORT} so several processes share the port
 */
public record ListenSettings(Kind kind, int port, String bindTo, Path unixPath, int unixMode, boolean reusePort) {
    /** The listen modes. */
    public enum Kind { TCP, UNIX, INHERITED }

    /** systemd passes the first socket as descriptor 3 (sd_listen_fds(3)). */
    public static final int SD_LISTEN_FDS_START = 3;

    /** TCP on {@code port} (0 = ephemeral), all addresses unless {@code bindTo}. */
    public static ListenSettings tcp(String bindTo, int port, boolean reusePort) {
        return new ListenSettings(Kind.TCP, port, bindTo, null, 0, reusePort);
    }

    /** A UNIX socket at {@code path} with mode {@code mode} (e.g. 0660). */
    public static ListenSettings unix(Path path, int mode) {
        return new ListenSettings(Kind.UNIX, 0, null, path, mode, false);
    }

    /**
     * Reads {@code SERVE}, {@code PORT}/{@code BIND_TO} or {@code UNIXPATH}/{@code UNIXPATH_MODE}
     * from {@code section}, unless {@code env} hands this process a socket (LISTEN_FDS/LISTEN_PID).
     *
     * @throws ConfigException (exit 6) on missing or malformed options
     */
    public static ListenSettings fromConfig(TalerConfig cfg, String section, Map<String, String> env, long pid,
            boolean reusePort) {
        if (inheritedSocket(env, pid)) {
            return new ListenSettings(Kind.INHERITED, 0, null, null, 0, false);
        }
        String serve = cfg.getString(section, "SERVE").orElse("tcp").trim().toLowerCase(Locale.ROOT);
        switch (serve) {
            case "tcp": {
                long port = cfg.requireNumber(section, "PORT");
                if (port < 0 || port > 65535) {
                    throw cfg.invalid(section, "PORT", "a TCP port number (0-65535)", null);
                }
                Optional<String> bind = cfg.getString(section, "BIND_TO").map(String::trim).filter(s -> !s.isEmpty());
                return tcp(bind.orElse(null), (int) port, reusePort);
            }
            case "unix": {
                Path path = cfg.requireFilename(section, "UNIXPATH");
                String modeText = cfg.getString(section, "UNIXPATH_MODE").orElse("660").trim();
                int mode;
                try {
                    mode = Integer.parseInt(modeText, 8);
                } catch (NumberFormatException e) {
                    throw cfg.invalid(section, "UNIXPATH_MODE", "an octal file mode such as 660", e);
                }
                if (mode < 0 || mode > 0777) {
                    throw cfg.invalid(section, "UNIXPATH_MODE", "an octal file mode such as 660", null);
                }
                return unix(path, mode);
            }
            default:
                throw cfg.invalid(section, "SERVE", "`tcp' or `unix'", null);
        }
    }

    /** True if systemd passed exactly one socket to this process. */
    static boolean inheritedSocket(Map<String, String> env, long pid) {
        String fds = env.get("LISTEN_FDS");
        if (fds == null || !fds.trim().equals("1")) {
            return false;
        }
        String forPid = env.get("LISTEN_PID");
        return forPid == null || forPid.trim().equals(Long.toString(pid));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TCP -> "tcp " + (bindTo == null ? "*" : bindTo) + ":" + port + (reusePort ? " (SO_REUSEPORT)" : "");
            case UNIX -> "unix " + unixPath + " mode " + Integer.toOctalString(unixMode);
            case INHERITED -> "socket inherited from systemd (fd " + SD_LISTEN_FDS_START + ")";
        };
    }
}
