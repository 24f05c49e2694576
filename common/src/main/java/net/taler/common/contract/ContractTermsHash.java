package net.taler.common.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;
import net.taler.common.json.CanonicalJson;
import net.taler.common.json.CanonicalJsonException;

/**
 * {@code h_contract_terms} exactly as the Dec 2022 wallet computes it
 * ({@code ContractTermsUtil.hashContractTerms}, crypto.md 2.6):
 * {@code SHA-512(canonical(scrub(terms)) "\0")} with the wallet's canonical JSON
 * ({@link CanonicalJson.Style#WALLET}).
 *
 * <p><b>Forgettable members.</b> An object may carry {@code "$forgettable": {name: salt}} and
 * {@code "$forgotten": {name: hash}}. Scrubbing replaces every member named in
 * {@code $forgettable}: unless {@code $forgotten[name]} already exists, it is set to
 * {@code B32(KDF(64; salt_text "\0"; canonical(scrub(value)) "\0"))} (the salt is used as its
 * <em>text</em>, not decoded); the member and its salt are removed, and an empty
 * {@code $forgettable} is dropped. Recursion then continues into every member whose name does
 * not start with {@code $} and into all array elements. Members with other {@code $} names
 * are kept untouched, as in the wallet. Forgetting a member later therefore does not change
 * the hash.
 *
 * <p>Input the wallet would mishandle is rejected with {@link CanonicalJsonException}:
 * {@code $forgettable}/{@code $forgotten} that are not objects, non-string salts or forgotten
 * hashes, forgettable names outside {@code [0-9A-Za-z_]+}, a forgettable member that is
 * missing and not yet forgotten, and a member that is still present although listed in
 * {@code $forgotten} (C silently drops it, the wallet keeps it; crypto.md says reject). Reals,
 * integers beyond 2^53-1 and unpaired surrogates are refused by the canonicaliser.
 */
public final class ContractTermsHash {
    /** Member holding the salts of forgettable members. */
    public static final String FORGETTABLE = "$forgettable";
    /** Member holding the salted hashes of forgotten members. */
    public static final String FORGOTTEN = "$forgotten";

    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z_]+");

    private ContractTermsHash() {
    }

    /** {@code h_contract_terms}: SHA-512 of the canonical scrubbed terms plus one NUL byte. */
    public static HashCode hash(JsonNode contractTerms) {
        return Hashes.sha512(CanonicalJson.toUtf8WithNul(scrub(contractTerms), CanonicalJson.Style.WALLET));
    }

    /** The exact text that {@link #hash} hashes (without the NUL). */
    public static String canonicalText(JsonNode contractTerms) {
        return CanonicalJson.toText(scrub(contractTerms), CanonicalJson.Style.WALLET);
    }

    /**
     * Every forgettable member replaced by its salted hash ({@code ContractTermsUtil.scrub}).
     * The input is not modified.
     */
    public static JsonNode scrub(JsonNode contractTerms) {
        return forgetAll(contractTerms, path -> true);
    }

    /**
     * Forgets the forgettable members whose path matches ({@code ContractTermsUtil.forgetAll}).
     * A path is the list of member names and array indices (as decimal strings) from the root
     * to the member, e.g. {@code ["products", "0", "delivery"]}. The input is not modified.
     */
    public static JsonNode forgetAll(JsonNode json, Predicate<List<String>> pathPredicate) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(pathPredicate, "pathPredicate");
        return forget(json, new ArrayList<>(), pathPredicate, 0);
    }

    /**
     * The salted hash of one forgettable member:
     * {@code KDF(64; salt "\0"; canonical(scrub(value)) "\0")}, no context.
     */
    public static HashCode forgettableMemberHash(JsonNode value, String salt) {
        Objects.requireNonNull(salt, "salt");
        byte[] ikm = CanonicalJson.toUtf8WithNul(scrub(value), CanonicalJson.Style.WALLET);
        return new HashCode(Kdf.kdf(HashCode.SIZE, Hashes.cString(salt), ikm));
    }

    private static JsonNode forget(JsonNode node, List<String> path, Predicate<List<String>> pred, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            throw new CanonicalJsonException("JSON nested deeper than " + CanonicalJson.MAX_DEPTH + " levels");
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                path.add(Integer.toString(i));
                out.add(forget(node.get(i), path, pred, depth + 1));
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        ObjectNode dup = ((ObjectNode) node).deepCopy();
        JsonNode forgottenNode = dup.get(FORGOTTEN);
        if (forgottenNode != null) {
            if (!forgottenNode.isObject()) {
                throw new CanonicalJsonException(where(path) + FORGOTTEN + " must be an object");
            }
            for (var e : forgottenNode.properties()) {
                checkName(path, e.getKey());
                if (!e.getValue().isTextual()) {
                    throw new CanonicalJsonException(where(path) + FORGOTTEN + "." + e.getKey()
                            + " must be a string");
                }
                if (dup.has(e.getKey())) {
                    throw new CanonicalJsonException(where(path) + "member '" + e.getKey()
                            + "' is listed in " + FORGOTTEN + " but still present");
                }
            }
        }
        JsonNode forgettableNode = dup.get(FORGETTABLE);
        if (forgettableNode != null) {
            if (!forgettableNode.isObject()) {
                throw new CanonicalJsonException(where(path) + FORGETTABLE + " must be an object");
            }
            ObjectNode forgettable = (ObjectNode) forgettableNode;
            for (String name : names(forgettable)) {
                checkName(path, name);
                JsonNode salt = forgettable.get(name);
                if (!salt.isTextual()) {
                    throw new CanonicalJsonException(where(path) + "salt of forgettable member '" + name
                            + "' must be a string");
                }
                path.add(name);
                boolean selected = pred.test(List.copyOf(path));
                path.remove(path.size() - 1);
                if (!selected) {
                    continue;
                }
                ObjectNode forgotten = forgottenObject(dup);
                if (!forgotten.has(name)) {
                    JsonNode value = dup.get(name);
                    if (value == null) {
                        throw new CanonicalJsonException(where(path) + "forgettable member '" + name
                                + "' is missing and not forgotten");
                    }
                    path.add(name);
                    JsonNode scrubbed = forget(value, path, p -> true, depth + 1);
                    path.remove(path.size() - 1);
                    byte[] ikm = CanonicalJson.toUtf8WithNul(scrubbed, CanonicalJson.Style.WALLET);
                    byte[] h = Kdf.kdf(HashCode.SIZE, Hashes.cString(salt.textValue()), ikm);
                    forgotten.put(name, new HashCode(h).toBase32());
                }
                dup.remove(name);
                forgettable.remove(name);
            }
            if (forgettable.isEmpty()) {
                dup.remove(FORGETTABLE);
            }
        }
        for (String name : names(dup)) {
            if (name.startsWith("$")) {
                continue;
            }
            path.add(name);
            dup.set(name, forget(dup.get(name), path, pred, depth + 1));
            path.remove(path.size() - 1);
        }
        return dup;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>(object.size());
        for (var e : object.properties()) {
            out.add(e.getKey());
        }
        return out;
    }

    private static ObjectNode forgottenObject(ObjectNode dup) {
        JsonNode existing = dup.get(FORGOTTEN);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return dup.putObject(FORGOTTEN);
    }

    private static void checkName(List<String> path, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new CanonicalJsonException(where(path) + "forgettable member name '" + name
                    + "' does not match [0-9A-Za-z_]+");
        }
    }

    private static String where(List<String> path) {
        return path.isEmpty() ? "contract terms: " : "contract terms at /" + String.join("/", path) + ": ";
    }
}
