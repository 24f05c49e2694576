package net.taler.common.contract;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.json.CanonicalJson;
import net.taler.common.json.JsonHashes;
import net.taler.common.json.TalerJson;
import net.taler.common.payto.Payto;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of contract_wire.json (24). Each case is one parameterized test; {@link #allCasesRan}
 * checks that all of them ran.
 *
 * <p>What is checked where:
 * <ul>
 *   <li>contract-*: {@link ContractTermsHash} (scrubbed object, canonical text and bytes, hash,
 *       salted member hash);</li>
 *   <li>json-hash-*, extensions-manifests-hash: {@link JsonHashes} / {@link CanonicalJson};</li>
 *   <li>h-payto-*, h-wire-*: {@code Hashes.hPayto/hWire} (crypto package), inputs decoded through
 *       the Taler JSON mapper;</li>
 *   <li>reserve-payto-*: the hash part ({@code h_payto} of the given reserve payto URI) here;
 *       building the URI from base URL and reserve key belongs to the payto package and is checked
 *       by {@link #reservePaytoUriConstruction};</li>
 *   <li>age-commitment-hash: SHA512_32 over the Edx25519 keys (crypto primitives; a proper
 *       {@code AgeCommitment.hash()} belongs to the age-restriction code).</li>
 * </ul>
 */
class ContractWireVectorTest {
    private static final String FILE = "contract_wire.json";
    private static final int EXPECTED_CASES = 24;
    private static final Set<String> RUN = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = TalerJson.mapper();

    static Stream<Arguments> cases() {
        return VectorFile.arguments(FILE, "");
    }

    @AfterAll
    static void allCasesRan() {
        assertEquals(EXPECTED_CASES, VectorFile.cases(FILE).size(), "cases in " + FILE);
        assertEquals(EXPECTED_CASES, RUN.size(), "cases run: " + RUN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) throws Exception {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        if (id.startsWith("contract-")) {
            contract(in, out);
        } else if (id.startsWith("h-payto-")) {
            ShortHash h = Hashes.hPayto(in.path("payto_uri").asText());
            assertEquals(out.path("h_payto_hex").asText(), toHex(h.bytes()));
            assertEquals(h, JSON.treeToValue(out.path("h_payto_b32"), ShortHash.class));
        } else if (id.startsWith("h-wire-")) {
            WireSalt salt = JSON.treeToValue(in.path("salt_b32"), WireSalt.class);
            assertArrayEquals(hex(in.path("salt_hex")), salt.bytes());
            HashCode h = Hashes.hWire(in.path("payto_uri").asText(), salt);
            assertEquals(out.path("h_wire_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("h_wire_b32").asText(), JSON.valueToTree(h).textValue());
        } else if (id.startsWith("reserve-payto-")) {
            // URI construction: see reservePaytoUriConstruction.
            JSON.treeToValue(in.path("reserve_pub_b32"), EddsaPublicKey.class);
            ShortHash h = Hashes.hPayto(out.path("reserve_payto").asText());
            assertEquals(out.path("h_payto_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("h_payto_b32").asText(), h.toBase32());
        } else if (id.startsWith("json-hash-")) {
            JsonNode json = in.path("json");
            assertEquals(out.path("json_text").asText(), CanonicalJson.toText(json, CanonicalJson.Style.JANSSON));
            assertEquals(out.path("hash_hex").asText(), toHex(JsonHashes.talerJsonHash(json).bytes()));
        } else if (id.equals("extensions-manifests-hash")) {
            JsonNode manifests = in.path("manifests");
            assertEquals(out.path("canonical_json").asText(),
                    CanonicalJson.toText(manifests, CanonicalJson.Style.C_CANONICAL));
            HashCode h = JsonHashes.extensionsManifestsHash(manifests);
            assertEquals(out.path("hash_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("hash_b32").asText(), h.toBase32());
        } else if (id.equals("age-commitment-hash")) {
            List<Edx25519PublicKey> keys = JSON.convertValue(in.path("age_commitment").path("publicKeys"),
                    new TypeReference<List<Edx25519PublicKey>>() { });
            ByteArrayOutputStream concat = new ByteArrayOutputStream();
            for (Edx25519PublicKey k : keys) {
                concat.write(k.bytes());
            }
            ShortHash h = Hashes.sha512Truncated(concat.toByteArray());
            assertEquals(out.path("h_age_commitment_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("h_age_commitment_b32").asText(), h.toBase32());
        } else {
            fail("unhandled case " + id);
        }
        RUN.add(id);
    }

    private static void contract(JsonNode in, JsonNode out) {
        JsonNode terms = in.path("contract_terms");
        JsonNode before = terms.deepCopy();
        JsonNode scrubbed = ContractTermsHash.scrub(terms);
        assertEquals(before, terms, "input must not be modified");
        assertEquals(out.path("scrubbed_contract_terms"), scrubbed);
        String canonical = ContractTermsHash.canonicalText(terms);
        assertEquals(out.path("canonical_json").asText(), canonical);
        assertEquals(out.path("canonical_json_utf8_hex").asText(),
                toHex(canonical.getBytes(StandardCharsets.UTF_8)));
        assertEquals(canonical, CanonicalJson.canonicalize(scrubbed));
        HashCode h = ContractTermsHash.hash(terms);
        assertEquals(out.path("h_contract_terms_hex").asText(), toHex(h.bytes()));
        assertEquals(out.path("h_contract_terms_b32").asText(), h.toBase32());
        // Scrubbing is idempotent, so the hash of the scrubbed terms is the same.
        assertEquals(h, ContractTermsHash.hash(scrubbed));
        JsonNode memberHash = out.path("member_hash_extra_b32");
        if (!memberHash.isMissingNode()) {
            HashCode m = ContractTermsHash.forgettableMemberHash(terms.path("extra"),
                    terms.path("$forgettable").path("extra").asText());
            assertEquals(memberHash.asText(), m.toBase32());
        }
    }

    /**
     * reserve-payto-16..18 also specify how the reserve payto URI is built from the exchange base
     * URL and the reserve public key (C {@code TALER_reserve_make_payto}). That function belongs to
     * {@code net.taler.common.payto.Payto}, which is outside this package. This test looks for a
     * {@code public static String <any name>(String exchangeBaseUrl, EddsaPublicKey reservePub)} in
     * {@code Payto} and checks it against the three cases; it FAILS until such a method exists.
     */
    @Test
    void reservePaytoUriConstruction() {
        int checked = 0;
        for (JsonNode c : VectorFile.cases(FILE)) {
            if (!c.path("id").asText().startsWith("reserve-payto-")) {
                continue;
            }
            EddsaPublicKey pub = EddsaPublicKey.fromBase32(c.path("input").path("reserve_pub_b32").asText());
            String uri = Payto.reservePayto(c.path("input").path("exchange_base_url").asText(), pub);
            assertNotNull(uri);
            assertEquals(c.path("output").path("reserve_payto").asText(), uri, c.path("id").asText());
            checked++;
        }
        assertEquals(3, checked);
    }
}
