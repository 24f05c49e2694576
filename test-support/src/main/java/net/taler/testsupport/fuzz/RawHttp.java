package net.taler.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends the exact bytes of a {@link WireRequest} on a new connection and reads the first final
 * reply (1xx replies skipped). A request that may leave the server waiting for more body is
 * half-closed after writing.
 */
public final class RawHttp {
    /** Longest reply body read (larger ones are cut, which no check needs). */
    static final int MAX_REPLY_BYTES = 4 * 1024 * 1024;

    /**
     * What came back.
     *
     * @param status 0 if the connection closed without a reply
     * @param timedOut no reply and no close within the timeout
     */
    public record Reply(int status, Map<String, String> headers, byte[] body, boolean timedOut, Duration took) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String summary() {
            if (timedOut) {
                return "no reply within " + took.toMillis() + " ms";
            }
            if (status == 0) {
                return "connection closed without a reply";
            }
            String b = bodyText();
            return status + " " + (b.length() > 600 ? b.substring(0, 600) + "…" : b);
        }
    }

    private final InetSocketAddress address;
    private final Duration timeout;

    public RawHttp(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    public Reply send(WireRequest r) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(address, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            try {
                out.write(r.bytes());
                out.flush();
                if (r.mayHang()) {
                    s.shutdownOutput();
                }
            } catch (SocketException e) {
                // the server may close early (e.g. after refusing the headers) and still have replied
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[16384];
            try {
                while (true) {
                    Reply parsed = parse(buf.toByteArray(), false, t0, isHead(r));
                    if (parsed != null) {
                        return parsed;
                    }
                    int n;
                    try {
                        n = in.read(chunk);
                    } catch (SocketException e) {
                        n = -1; // reset: whatever arrived counts
                    }
                    if (n < 0) {
                        Reply last = parse(buf.toByteArray(), true, t0, isHead(r));
                        return last != null ? last : new Reply(0, Map.of(), new byte[0], false, took(t0));
                    }
                    buf.write(chunk, 0, n);
                    if (buf.size() > MAX_REPLY_BYTES) {
                        Reply last = parse(buf.toByteArray(), true, t0, isHead(r));
                        return last != null ? last : new Reply(0, Map.of(), new byte[0], false, took(t0));
                    }
                }
            } catch (SocketTimeoutException e) {
                return new Reply(0, Map.of(), buf.toByteArray(), true, took(t0));
            }
        }
    }

    private static boolean isHead(WireRequest r) {
        return "HEAD".equals(r.method());
    }

    private static Duration took(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The first final reply in {@code b}, or null if it is not complete yet. */
    private static Reply parse(byte[] b, boolean eof, long t0, boolean head) {
        int start = 0;
        while (true) {
            int end = find(b, start);
            if (end < 0) {
                return null;
            }
            String headText = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
            String[] lines = headText.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (RuntimeException e) {
                status = 999; // not HTTP: the check reports it
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
                }
            }
            int bodyStart = end + 4;
            if (status >= 100 && status < 200) {
                start = bodyStart;
                continue;
            }
            int len = 0;
            if (!head && status != 204 && status != 304) {
                String cl = headers.get("content-length");
                if (cl == null) {
                    if (!eof) {
                        return null;
                    }
                    len = b.length - bodyStart;
                } else {
                    len = Integer.parseInt(cl.trim());
                }
            }
            if (b.length - bodyStart < len) {
                return eof ? new Reply(status, headers, java.util.Arrays.copyOfRange(b, bodyStart, b.length), false,
                        took(t0)) : null;
            }
            return new Reply(status, headers, java.util.Arrays.copyOfRange(b, bodyStart, bodyStart + len), false,
                    took(t0));
        }
    }

    private static int find(byte[] b, int from) {
        for (int i = from; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
