package net.taler.common.coin;

import java.nio.ByteBuffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublic;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.cs.CsSignature;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.encoding.Crockford;

/**
 * JSON forms of the cipher-tagged coin objects (exchange-api.md 1.2): blinded planchets
 * ({@code coin_ev}), blind signatures ({@code ev_sig}) and exchange withdraw values
 * ({@code ewv}), plus the binary form of a blind signature as the exchange stores it.
 *
 * <p>Parsers are strict (exact base32 sizes, known cipher) and throw
 * {@link IllegalArgumentException} whose message names the offending field, so that servers
 * can answer 400 with it.
 */
public final class CoinJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CoinJson() {
    }

    /** {@code coin_ev}: RSA {@code {cipher, rsa_blinded_planchet}} or CS {@code {cipher, cs_nonce, cs_blinded_c0, cs_blinded_c1}}. */
    public static ObjectNode planchet(BlindedPlanchet p) {
        ObjectNode o = F.objectNode();
        if (p instanceof BlindedPlanchet.Rsa r) {
            o.put("cipher", "RSA");
            o.put("rsa_blinded_planchet", Crockford.encode(r.blindedMessage()));
        } else {
            CsBlindedMessage m = ((BlindedPlanchet.Cs) p).message();
            o.put("cipher", "CS");
            o.put("cs_nonce", m.nonce().toBase32());
            o.put("cs_blinded_c0", Crockford.encode(m.c0()));
            o.put("cs_blinded_c1", Crockford.encode(m.c1()));
        }
        return o;
    }

    /** Parses a {@code coin_ev}. */
    public static BlindedPlanchet planchet(JsonNode n) {
        switch (cipher(n)) {
            case "RSA":
                return new BlindedPlanchet.Rsa(Crockford.decodeVariable(text(n, "rsa_blinded_planchet")));
            case "CS":
                CsNonce nonce = new CsNonce(fixed(n, "cs_nonce", CsNonce.SIZE));
                byte[] c0 = fixed(n, "cs_blinded_c0", 32);
                byte[] c1 = fixed(n, "cs_blinded_c1", 32);
                return new BlindedPlanchet.Cs(new CsBlindedMessage(c0, c1, nonce));
            default:
                throw new IllegalArgumentException("cipher: unsupported");
        }
    }

    /** {@code ev_sig}: RSA {@code {cipher, blinded_rsa_signature}} or CS {@code {cipher, b, s}}. */
    public static ObjectNode blindSignature(BlindSignature s) {
        ObjectNode o = F.objectNode();
        if (s instanceof BlindSignature.Rsa r) {
            o.put("cipher", "RSA");
            o.put("blinded_rsa_signature", r.signature().toBase32());
        } else {
            CsBlindSignature c = ((BlindSignature.Cs) s).signature();
            o.put("cipher", "CS");
            o.put("b", c.b());
            o.put("s", c.sBase32());
        }
        return o;
    }

    /** Parses an {@code ev_sig}. */
    public static BlindSignature blindSignature(JsonNode n) {
        switch (cipher(n)) {
            case "RSA":
                return new BlindSignature.Rsa(RsaSignature.fromBase32(text(n, "blinded_rsa_signature")));
            case "CS":
                JsonNode b = n.get("b");
                if (b == null || !b.isIntegralNumber() || (b.asInt() != 0 && b.asInt() != 1)) {
                    throw new IllegalArgumentException("b: must be 0 or 1");
                }
                return new BlindSignature.Cs(new CsBlindSignature(b.asInt(), fixed(n, "s", 32)));
            default:
                throw new IllegalArgumentException("cipher: unsupported");
        }
    }

    /** {@code ub_sig}/{@code denom_sig}: RSA {@code {cipher, rsa_signature}} or CS {@code {cipher, cs_signature_r, cs_signature_s}}. */
    public static ObjectNode denominationSignature(DenominationSignature s) {
        ObjectNode o = F.objectNode();
        if (s instanceof DenominationSignature.Rsa r) {
            o.put("cipher", "RSA");
            o.put("rsa_signature", r.signature().toBase32());
        } else {
            CsSignature c = ((DenominationSignature.Cs) s).signature();
            o.put("cipher", "CS");
            o.put("cs_signature_r", c.r().toBase32());
            o.put("cs_signature_s", Crockford.encode(c.s()));
        }
        return o;
    }

    /** Parses a {@code ub_sig}/{@code denom_sig}. */
    public static DenominationSignature denominationSignature(JsonNode n) {
        switch (cipher(n)) {
            case "RSA":
                try {
                    return new DenominationSignature.Rsa(RsaSignature.fromBase32(text(n, "rsa_signature")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("rsa_signature: malformed");
                }
            case "CS":
                return new DenominationSignature.Cs(new CsSignature(
                        new CsRPublic(fixed(n, "cs_signature_r", CsRPublic.SIZE)), fixed(n, "cs_signature_s", 32)));
            default:
                throw new IllegalArgumentException("cipher: unsupported");
        }
    }

    /** {@code ewv}: RSA {@code {cipher}}, CS {@code {cipher, r_pub_0, r_pub_1}}; {@code cs} null for RSA. */
    public static ObjectNode withdrawValues(CsRPublicPair cs) {
        ObjectNode o = F.objectNode();
        if (cs == null) {
            o.put("cipher", "RSA");
        } else {
            o.put("cipher", "CS");
            o.put("r_pub_0", cs.r0().toBase32());
            o.put("r_pub_1", cs.r1().toBase32());
        }
        return o;
    }

    /** Parses an {@code ewv}; returns null for RSA. */
    public static CsRPublicPair withdrawValues(JsonNode n) {
        switch (cipher(n)) {
            case "RSA":
                return null;
            case "CS":
                return new CsRPublicPair(new CsRPublic(fixed(n, "r_pub_0", CsRPublic.SIZE)),
                        new CsRPublic(fixed(n, "r_pub_1", CsRPublic.SIZE)));
            default:
                throw new IllegalArgumentException("cipher: unsupported");
        }
    }

    /**
     * The stored form of a blind signature: {@code u32be(cipher)} then the RSA signature bytes,
     * or {@code u32be(b)} and the 32-byte {@code s} for CS.
     */
    public static byte[] encode(BlindSignature s) {
        if (s instanceof BlindSignature.Rsa r) {
            byte[] sig = r.signature().encode();
            return ByteBuffer.allocate(4 + sig.length).putInt(DenominationKey.CIPHER_RSA).put(sig).array();
        }
        CsBlindSignature c = ((BlindSignature.Cs) s).signature();
        return ByteBuffer.allocate(4 + 4 + 32).putInt(DenominationKey.CIPHER_CS).putInt(c.b()).put(c.s()).array();
    }

    /** Inverse of {@link #encode(BlindSignature)}. */
    public static BlindSignature decode(byte[] data) {
        if (data.length < 5) {
            throw new IllegalArgumentException("blind signature too short");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int cipher = b.getInt();
        if (cipher == DenominationKey.CIPHER_RSA) {
            byte[] sig = new byte[b.remaining()];
            b.get(sig);
            return new BlindSignature.Rsa(RsaSignature.decode(sig));
        }
        if (cipher == DenominationKey.CIPHER_CS && data.length == 40) {
            int bit = b.getInt();
            byte[] s = new byte[32];
            b.get(s);
            return new BlindSignature.Cs(new CsBlindSignature(bit, s));
        }
        throw new IllegalArgumentException("unknown blind signature encoding");
    }

    private static String cipher(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        return text(n, "cipher");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": missing or not a string");
        }
        return v.asText();
    }

    private static byte[] fixed(JsonNode n, String field, int size) {
        try {
            return Crockford.decodeFixed(text(n, field), size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not " + size + " bytes of base32");
        }
    }
}
