package net.taler.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;

/**
 * Hashes over JSON values as the Dec 2022 C exchange computes them (crypto.md 2.4, 2.5.12).
 * Contract terms, with their forgettable members, are in
 * {@code net.taler.common.contract.ContractTermsHash}.
 */
public final class JsonHashes {
    /** KDF salt of the extension manifests hash (without its NUL). */
    public static final String EXTENSIONS_MANIFESTS_SALT = "taler-extensions-manifests";
    /** KDF salt of the policy hash {@code h_policy} (without its NUL). */
    public static final String POLICY_SALT = "taler-extensions-policy";

    private JsonHashes() {
    }

    /**
     * {@code TALER_json_hash} of Dec 2022 (crypto.md 2.5.12; KYC attributes, reserve
     * attestation requests and attestations): SHA-512 of jansson's compact, key-sorted dump,
     * <b>without</b> a NUL terminator and without the RFC 8785 escape normalisation
     * ({@link CanonicalJson.Style#JANSSON}). (Later C versions add the normalisation and the
     * NUL; the Dec 2022 one does neither.)
     *
     * @throws CanonicalJsonException if the value contains reals or other unhashable content
     */
    public static HashCode talerJsonHash(JsonNode json) {
        return Hashes.sha512(CanonicalJson.toUtf8(json, CanonicalJson.Style.JANSSON));
    }

    /**
     * C's {@code dump_and_hash} with a salt:
     * {@code KDF(64; salt "\0"; canonical_json "\0")}, no context
     * ({@link CanonicalJson.Style#C_CANONICAL}).
     */
    public static HashCode saltedHash(JsonNode json, String salt) {
        byte[] ikm = CanonicalJson.toUtf8WithNul(json, CanonicalJson.Style.C_CANONICAL);
        byte[] xts = Hashes.cString(salt);
        return new HashCode(Kdf.kdf(HashCode.SIZE, xts, ikm));
    }

    /**
     * C's {@code dump_and_hash} without a salt: {@code SHA-512(canonical_json "\0")}
     * ({@link CanonicalJson.Style#C_CANONICAL}).
     */
    public static HashCode unsaltedHash(JsonNode json) {
        return Hashes.sha512(CanonicalJson.toUtf8WithNul(json, CanonicalJson.Style.C_CANONICAL));
    }

    /**
     * {@code TALER_JSON_extensions_manifests_hash}: the hash the master key signs for the
     * {@code extensions} of {@code /keys} (purpose 1031).
     */
    public static HashCode extensionsManifestsHash(JsonNode manifests) {
        return saltedHash(manifests, EXTENSIONS_MANIFESTS_SALT);
    }

    /**
     * {@code h_policy} of a deposit policy ({@code TALER_deposit_policy_hash}). The Dec 2022
     * wallet never sends a policy and uses the all-zero hash instead.
     */
    public static HashCode policyHash(JsonNode policy) {
        return saltedHash(policy, POLICY_SALT);
    }
}
