package net.taler.common.contract;

import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.json.CanonicalJsonException;
import net.taler.common.json.TalerJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractTermsHashTest {
    private static final ObjectMapper JSON = TalerJson.mapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** The example of crypto.md 2.6. */
    @Test
    void specExample() throws Exception {
        JsonNode terms = json("{\"amount\":\"TESTKUDOS:1\",\"summary\":\"Hello\",\"$forgettable\":"
                + "{\"summary\":\"SALT\"},\"nested\":{\"b\":1,\"a\":[true,null,\"x\\u0001y\"]}}");
        assertEquals("{\"$forgotten\":{\"summary\":\"TZCB2993J60M4FCYPZNH1ASYVE7AZR7KABXD1J6SHF6XR8K4PV58EF24"
                + "QANPCAWQ09A2X3ZK7CF7Z8SPNCAXQQQ03T4TKGAQK060RK8\"},\"amount\":\"TESTKUDOS:1\","
                + "\"nested\":{\"a\":[true,null,\"x\\u0001y\"],\"b\":1}}", ContractTermsHash.canonicalText(terms));
        assertEquals("20472af6f636d7f5e0dbc4e796c48410fea3f34e0b9fce47189f93e8bd42f707"
                + "33678c8ba97f375cc97c9dd45a5fef240d7d242fb1f427e89fce49207361cf42",
                toHex(ContractTermsHash.hash(terms).bytes()));
    }

    @Test
    void partialForgettingKeepsHash() throws Exception {
        JsonNode terms = json("{\"a\":{\"x\":1},\"b\":[{\"c\":\"secret\",\"$forgettable\":{\"c\":\"S2\"}}],"
                + "\"$forgettable\":{\"a\":\"S1\"}}");
        JsonNode onlyNested = ContractTermsHash.forgetAll(terms,
                path -> path.equals(List.of("b", "0", "c")));
        assertTrue(onlyNested.has("a"));
        assertTrue(onlyNested.has("$forgettable"));
        assertFalse(onlyNested.path("b").path(0).has("c"));
        assertFalse(onlyNested.path("b").path(0).has("$forgettable"));
        assertTrue(onlyNested.path("b").path(0).path("$forgotten").has("c"));
        assertEquals(ContractTermsHash.hash(terms), ContractTermsHash.hash(onlyNested));
        JsonNode none = ContractTermsHash.forgetAll(terms, path -> false);
        assertEquals(terms, none);
        assertEquals(ContractTermsHash.hash(terms), ContractTermsHash.hash(ContractTermsHash.scrub(terms)));
    }

    @Test
    void forgettableValueIsScrubbedBeforeHashing() throws Exception {
        JsonNode inner = json("{\"p\":1,\"q\":2,\"$forgettable\":{\"q\":\"S\"}}");
        JsonNode innerScrubbed = ContractTermsHash.scrub(inner);
        assertEquals(ContractTermsHash.forgettableMemberHash(inner, "T"),
                ContractTermsHash.forgettableMemberHash(innerScrubbed, "T"));
        assertNotEquals(ContractTermsHash.forgettableMemberHash(inner, "T"),
                ContractTermsHash.forgettableMemberHash(inner, "U"));
    }

    @Test
    void emptyForgettableIsDropped() throws Exception {
        assertEquals("{\"a\":1}", ContractTermsHash.canonicalText(json("{\"a\":1,\"$forgettable\":{}}")));
    }

    @Test
    void otherDollarMembersAreKeptVerbatim() throws Exception {
        JsonNode terms = json("{\"$x\":{\"a\":1,\"$forgettable\":{\"a\":\"S\"}}}");
        assertEquals("{\"$x\":{\"$forgettable\":{\"a\":\"S\"},\"a\":1}}", ContractTermsHash.canonicalText(terms));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"$forgettable\":\"x\"}",
        "{\"$forgettable\":null}",
        "{\"$forgotten\":[]}",
        "{\"a\":1,\"$forgettable\":{\"a\":5}}",
        "{\"a-b\":1,\"$forgettable\":{\"a-b\":\"S\"}}",
        "{\"$forgettable\":{\"a\":\"S\"}}",
        "{\"a\":1,\"$forgotten\":{\"a\":\"H\"}}",
        "{\"$forgotten\":{\"a\":1}}",
        "{\"a\":1.5}",
        "{\"a\":1.0}",
        "{\"a\":9007199254740992}",
        "{\"a\":-9007199254740992}",
        "{\"a\":123456789012345678901234567890}",
        "{\"a\":\"\\ud800\"}",
        "{\"\\udc00\":1}",
    })
    void malformedIsRejected(String text) throws Exception {
        JsonNode terms = json(text);
        assertThrows(CanonicalJsonException.class, () -> ContractTermsHash.hash(terms));
    }

    @Test
    void alreadyForgottenIsKept() throws Exception {
        JsonNode terms = json("{\"$forgotten\":{\"a\":\"H\"},\"$forgettable\":{\"a\":\"S\"}}");
        assertEquals("{\"$forgotten\":{\"a\":\"H\"}}", ContractTermsHash.canonicalText(terms));
    }
}
