package net.taler.testsupport.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.age.AgeMask;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.DenominationKey;
import net.taler.common.coin.DenominationSignature;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.cs.CsRPublic;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.cs.CsSignature;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.encoding.Crockford;

/**
 * The JSON forms of the cipher-tagged objects of exchange-api.md 1.2: denomination public keys,
 * blinded planchets, blind signatures, unblinded signatures and the exchange withdraw values.
 * Encoders build fresh trees (tests may modify them to craft bad requests); decoders throw
 * {@link WalletException} naming the offending field.
 */
public final class CipherJson {
    /** Cipher tag of RSA objects. */
    public static final String RSA = "RSA";
    /** Cipher tag of Clause-Schnorr objects. */
    public static final String CS = "CS";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CipherJson() {
    }

    /** {@code "RSA"} or {@code "CS"} for a cipher number of {@link DenominationKey}. */
    public static String cipherName(int cipher) {
        return switch (cipher) {
            case DenominationKey.CIPHER_RSA -> RSA;
            case DenominationKey.CIPHER_CS -> CS;
            default -> throw new IllegalArgumentException("unknown cipher " + cipher);
        };
    }

    // --- denomination public key ---

    /** {@code {cipher, age_mask, rsa_public_key | cs_public_key}}. */
    public static ObjectNode denomPub(DenominationKey key) {
        ObjectNode o = F.objectNode();
        o.put("cipher", cipherName(key.cipher()));
        o.put("age_mask", Integer.toUnsignedLong(key.ageMask().bits()));
        if (key instanceof DenominationKey.Rsa rsa) {
            o.put("rsa_public_key", rsa.key().toBase32());
        } else {
            o.put("cs_public_key", ((DenominationKey.Cs) key).key().toBase32());
        }
        return o;
    }

    /** Parses a {@code denom_pub} object; {@code age_mask} is required, as the wallet requires it. */
    public static DenominationKey parseDenomPub(JsonNode o) {
        String cipher = Fields.text(o, "cipher");
        long mask = Fields.integer(o, "age_mask");
        AgeMask ageMask;
        try {
            ageMask = AgeMask.of(mask);
        } catch (RuntimeException e) {
            throw new WalletException("bad age_mask " + mask + ": " + e.getMessage(), e);
        }
        return switch (cipher) {
            case RSA -> new DenominationKey.Rsa(Fields.decode(o, "rsa_public_key", RsaPublicKey::fromBase32), ageMask);
            case CS -> new DenominationKey.Cs(Fields.decode(o, "cs_public_key", CsPublicKey::fromBase32), ageMask);
            default -> throw new WalletException("unknown denomination cipher '" + cipher + "'");
        };
    }

    // --- blinded planchet (coin_ev) ---

    /** {@code {cipher, rsa_blinded_planchet}} or {@code {cipher, cs_nonce, cs_blinded_c0, cs_blinded_c1}}. */
    public static ObjectNode blindedPlanchet(BlindedPlanchet p) {
        ObjectNode o = F.objectNode();
        o.put("cipher", cipherName(p.cipher()));
        if (p instanceof BlindedPlanchet.Rsa rsa) {
            o.put("rsa_blinded_planchet", rsa.toBase32());
        } else {
            CsBlindedMessage m = ((BlindedPlanchet.Cs) p).message();
            o.put("cs_nonce", m.nonce().toBase32());
            o.put("cs_blinded_c0", Crockford.encode(m.c0()));
            o.put("cs_blinded_c1", Crockford.encode(m.c1()));
        }
        return o;
    }

    /** Parses a {@code coin_ev} object. */
    public static BlindedPlanchet parseBlindedPlanchet(JsonNode o) {
        String cipher = Fields.text(o, "cipher");
        return switch (cipher) {
            case RSA -> Fields.decode(o, "rsa_blinded_planchet", BlindedPlanchet.Rsa::fromBase32);
            case CS -> new BlindedPlanchet.Cs(new CsBlindedMessage(
                    Fields.decode(o, "cs_blinded_c0", t -> Crockford.decodeFixed(t, 32)),
                    Fields.decode(o, "cs_blinded_c1", t -> Crockford.decodeFixed(t, 32)),
                    Fields.decode(o, "cs_nonce", CsNonce::fromBase32)));
            default -> throw new WalletException("unknown planchet cipher '" + cipher + "'");
        };
    }

    // --- blind signature (ev_sig) ---

    /** {@code {cipher, blinded_rsa_signature}} or {@code {cipher, b, s}}. */
    public static ObjectNode blindSignature(BlindSignature s) {
        ObjectNode o = F.objectNode();
        o.put("cipher", cipherName(s.cipher()));
        if (s instanceof BlindSignature.Rsa rsa) {
            o.put("blinded_rsa_signature", rsa.signature().toBase32());
        } else {
            CsBlindSignature cs = ((BlindSignature.Cs) s).signature();
            o.put("b", cs.b());
            o.put("s", cs.sBase32());
        }
        return o;
    }

    /** Parses an {@code ev_sig} object. */
    public static BlindSignature parseBlindSignature(JsonNode o) {
        String cipher = Fields.text(o, "cipher");
        switch (cipher) {
            case RSA:
                return new BlindSignature.Rsa(Fields.decode(o, "blinded_rsa_signature", RsaSignature::fromBase32));
            case CS:
                long b = Fields.integer(o, "b");
                if (b != 0 && b != 1) {
                    throw new WalletException("CS blind signature bit b = " + b);
                }
                byte[] s = Fields.decode(o, "s", t -> Crockford.decodeFixed(t, 32));
                try {
                    return new BlindSignature.Cs(new CsBlindSignature((int) b, s));
                } catch (RuntimeException e) {
                    throw new WalletException("bad CS blind signature: " + e.getMessage(), e);
                }
            default:
                throw new WalletException("unknown blind signature cipher '" + cipher + "'");
        }
    }

    // --- unblinded denomination signature (ub_sig, denom_sig) ---

    /** {@code {cipher, rsa_signature}} or {@code {cipher, cs_signature_r, cs_signature_s}}. */
    public static ObjectNode denominationSignature(DenominationSignature s) {
        ObjectNode o = F.objectNode();
        o.put("cipher", cipherName(s.cipher()));
        if (s instanceof DenominationSignature.Rsa rsa) {
            o.put("rsa_signature", rsa.signature().toBase32());
        } else {
            CsSignature cs = ((DenominationSignature.Cs) s).signature();
            o.put("cs_signature_r", cs.r().toBase32());
            o.put("cs_signature_s", Crockford.encode(cs.s()));
        }
        return o;
    }

    /** Parses a {@code ub_sig} / {@code denom_sig} object. */
    public static DenominationSignature parseDenominationSignature(JsonNode o) {
        String cipher = Fields.text(o, "cipher");
        return switch (cipher) {
            case RSA -> new DenominationSignature.Rsa(Fields.decode(o, "rsa_signature", RsaSignature::fromBase32));
            case CS -> new DenominationSignature.Cs(new CsSignature(
                    Fields.decode(o, "cs_signature_r", CsRPublic::fromBase32),
                    Fields.decode(o, "cs_signature_s", t -> Crockford.decodeFixed(t, 32))));
            default -> throw new WalletException("unknown signature cipher '" + cipher + "'");
        };
    }

    // --- exchange withdraw values (ewv) ---

    /** {@code {cipher: "RSA"}} for null, else {@code {cipher: "CS", r_pub_0, r_pub_1}}. */
    public static ObjectNode exchangeWithdrawValues(CsRPublicPair r) {
        ObjectNode o = F.objectNode();
        if (r == null) {
            o.put("cipher", RSA);
        } else {
            o.put("cipher", CS);
            o.put("r_pub_0", r.r0().toBase32());
            o.put("r_pub_1", r.r1().toBase32());
        }
        return o;
    }

    /**
     * Parses an {@code ewv} object that must be of the CS form (the only one {@code /csr-withdraw}
     * returns).
     */
    public static CsRPublicPair parseCsWithdrawValues(JsonNode o) {
        String cipher = Fields.text(o, "cipher");
        if (!CS.equals(cipher)) {
            throw new WalletException("expected CS withdraw values, got cipher '" + cipher + "'");
        }
        return new CsRPublicPair(Fields.decode(o, "r_pub_0", CsRPublic::fromBase32),
                Fields.decode(o, "r_pub_1", CsRPublic::fromBase32));
    }
}
