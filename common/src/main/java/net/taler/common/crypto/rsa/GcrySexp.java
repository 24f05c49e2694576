package net.taler.common.crypto.rsa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The slice of libgcrypt S-expressions that GNUnet RSA private key files need: a tree of lists
 * and byte-string atoms, the text form that {@code gcry_sexp_sprint(GCRYSEXP_FMT_DEFAULT)}
 * writes, and a parser for what {@code gcry_sexp_new} accepts in practice (verbatim
 * {@code len:bytes}, tokens, {@code #hex#}, quoted strings, white space).
 */
final class GcrySexp {
    private static final String TOKEN_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./_:*+=";
    private static final int MAX_DEPTH = 16;

    private GcrySexp() {
    }

    /** A list or an atom; exactly one of {@code atom} and {@code items} is non-null. */
    static final class Node {
        final byte[] atom;
        final List<Node> items;

        private Node(byte[] atom, List<Node> items) {
            this.atom = atom;
            this.items = items;
        }

        static Node atom(byte[] data) {
            return new Node(data.clone(), null);
        }

        static Node token(String text) {
            return new Node(text.getBytes(StandardCharsets.US_ASCII), null);
        }

        static Node list(Node... items) {
            return new Node(null, List.of(items));
        }

        boolean isList() {
            return items != null;
        }

        /** True if this is a list whose first element is the atom {@code name}. */
        boolean isNamed(String name) {
            return items != null && !items.isEmpty() && items.get(0).atom != null
                    && Arrays.equals(items.get(0).atom, name.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * The first list, in document order, whose first element is the atom {@code name}
     * ({@code gcry_sexp_find_token}); the node itself counts.
     */
    static Node findToken(Node node, String name) {
        if (!node.isList()) {
            return null;
        }
        if (node.isNamed(name)) {
            return node;
        }
        for (Node child : node.items) {
            Node hit = findToken(child, name);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- printing

    private static final int OPEN = -1;
    private static final int CLOSE = -2;
    private static final int STOP = -3;

    /**
     * {@code gcry_sexp_sprint} in {@code GCRYSEXP_FMT_DEFAULT} mode, including the trailing
     * newline and the NUL byte that GNUnet's {@code rsa_private_key_encode} counts in its
     * length and writes to the key file.
     */
    static byte[] printDefault(Node root) {
        List<Object> tags = new ArrayList<>();
        flatten(root, tags);
        tags.add(STOP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int indent = 0;
        for (int i = 0; i < tags.size() - 1; i++) {
            Object t = tags.get(i);
            if (t instanceof byte[] data) {
                out.writeBytes((data.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(data);
            } else if ((Integer) t == OPEN) {
                if (indent > 0) {
                    out.write('\n');
                }
                spaces(out, indent);
                out.write('(');
                indent++;
            } else {
                out.write(')');
                indent--;
                Object next = tags.get(i + 1);
                boolean nextIsOpenOrStop = next instanceof Integer k && (k == OPEN || k == STOP);
                if (!nextIsOpenOrStop) {
                    out.write('\n');
                    spaces(out, indent);
                }
            }
        }
        out.write('\n');
        out.write(0);
        return out.toByteArray();
    }

    private static void spaces(ByteArrayOutputStream out, int n) {
        for (int i = 0; i < n; i++) {
            out.write(' ');
        }
    }

    private static void flatten(Node node, List<Object> tags) {
        if (node.isList()) {
            tags.add(OPEN);
            for (Node child : node.items) {
                flatten(child, tags);
            }
            tags.add(CLOSE);
        } else {
            tags.add(node.atom);
        }
    }

    // ----------------------------------------------------------------- parsing

    /**
     * Parses one top-level list. After it only white space and NUL bytes may follow (GNUnet
     * key files end in {@code "\n\0"}).
     *
     * @throws IllegalArgumentException on any syntax error
     */
    static Node parse(byte[] text) {
        Parser p = new Parser(text);
        p.skipSpace();
        if (p.pos >= text.length || text[p.pos] != '(') {
            throw new IllegalArgumentException("S-expression must start with '('");
        }
        p.pos++;
        Node root = p.list(1);
        while (p.pos < text.length) {
            byte c = text[p.pos++];
            if (c != 0 && !isSpace(c)) {
                throw new IllegalArgumentException("garbage after S-expression at offset " + (p.pos - 1));
            }
        }
        return root;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == 0x0b || c == '\f' || c == '\r' || c == '\n';
    }

    private static boolean isTokenChar(int c) {
        return c > 0 && c < 128 && TOKEN_CHARS.indexOf(c) >= 0;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static final class Parser {
        private final byte[] s;
        private int pos;

        Parser(byte[] s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length && isSpace(s[pos])) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("S-expression: " + what + " at offset " + pos);
        }

        /** Parses list elements after its '(' up to and including the matching ')'. */
        Node list(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting too deep");
            }
            List<Node> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= s.length) {
                    throw error("unterminated list");
                }
                int c = s[pos] & 0xff;
                if (c == ')') {
                    pos++;
                    return new Node(null, List.copyOf(items));
                } else if (c == '(') {
                    pos++;
                    items.add(list(depth + 1));
                } else if (c >= '1' && c <= '9') {
                    items.add(new Node(lengthPrefixed(), null));
                } else if (c == '0') {
                    throw error("length with leading zero");
                } else if (c == '"') {
                    pos++;
                    items.add(new Node(quoted(), null));
                } else if (c == '#') {
                    pos++;
                    items.add(new Node(hex(), null));
                } else if (isTokenChar(c)) {
                    int start = pos;
                    while (pos < s.length && isTokenChar(s[pos] & 0xff)) {
                        pos++;
                    }
                    items.add(new Node(Arrays.copyOfRange(s, start, pos), null));
                } else {
                    throw error("unexpected character 0x" + Integer.toHexString(c));
                }
            }
        }

        private byte[] lengthPrefixed() {
            long len = 0;
            while (pos < s.length && s[pos] >= '0' && s[pos] <= '9') {
                len = len * 10 + (s[pos++] - '0');
                if (len > s.length) {
                    throw error("length exceeds input");
                }
            }
            if (pos >= s.length) {
                throw error("truncated length");
            }
            byte c = s[pos++];
            if (c == ':') {
                if (len > s.length - pos) {
                    throw error("verbatim string exceeds input");
                }
                byte[] out = Arrays.copyOfRange(s, pos, pos + (int) len);
                pos += (int) len;
                return out;
            } else if (c == '"') {
                return quoted(); // the length is advisory, as in libgcrypt
            } else if (c == '#') {
                return hex();
            }
            pos--;
            throw error("bad length specification");
        }

        private byte[] hex() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int hi = -1;
            while (true) {
                if (pos >= s.length) {
                    throw error("unterminated hex string");
                }
                int c = s[pos++] & 0xff;
                if (c == '#') {
                    if (hi >= 0) {
                        throw error("odd number of hex digits");
                    }
                    return out.toByteArray();
                }
                if (isSpace(c)) {
                    continue;
                }
                int v = hexValue(c);
                if (v < 0) {
                    throw error("bad hex character");
                }
                if (hi < 0) {
                    hi = v;
                } else {
                    out.write(hi << 4 | v);
                    hi = -1;
                }
            }
        }

        private byte[] quoted() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= s.length) {
                    throw error("unterminated quoted string");
                }
                int c = s[pos++] & 0xff;
                if (c == '"') {
                    return out.toByteArray();
                }
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                if (pos >= s.length) {
                    throw error("unterminated escape");
                }
                int e = s[pos++] & 0xff;
                switch (e) {
                    case 'b' -> out.write('\b');
                    case 't' -> out.write('\t');
                    case 'v' -> out.write(0x0b);
                    case 'n' -> out.write('\n');
                    case 'f' -> out.write('\f');
                    case 'r' -> out.write('\r');
                    case '"', '\'', '\\' -> out.write(e);
                    case '\r', '\n' -> {
                        int other = e == '\r' ? '\n' : '\r';
                        if (pos < s.length && s[pos] == other) {
                            pos++;
                        }
                    }
                    case 'x' -> {
                        if (pos + 2 > s.length || hexValue(s[pos]) < 0 || hexValue(s[pos + 1]) < 0) {
                            throw error("bad \\x escape");
                        }
                        out.write(hexValue(s[pos]) << 4 | hexValue(s[pos + 1]));
                        pos += 2;
                    }
                    default -> {
                        if (e >= '0' && e <= '7' && pos + 2 <= s.length
                                && s[pos] >= '0' && s[pos] <= '7' && s[pos + 1] >= '0' && s[pos + 1] <= '7') {
                            out.write(((e - '0') * 64 + (s[pos] - '0') * 8 + (s[pos + 1] - '0')) & 0xff);
                            pos += 2;
                        } else {
                            throw error("bad escape");
                        }
                    }
                }
            }
        }
    }
}
