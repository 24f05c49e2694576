package net.taler.common.crypto;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.testing.VectorFile;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * Field writers of the builder against a few signatures.json layouts (the full
 * file is covered where the individual signatures are implemented).
 */
class PurposeBlockTest {
    private static JsonNode sigCase(String id) {
        return VectorFile.cases("signatures.json").stream()
                .filter(c -> c.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static void assertSigned(JsonNode c, PurposeBlock block) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        assertEquals(out.path("purpose_hex").asText(), toHex(block.toBytes()));
        assertEquals(out.path("purpose_size").asInt(), block.size());
        assertEquals(in.path("purpose").asInt(), block.purpose());
        EddsaPrivateKey priv = new EddsaPrivateKey(hex(in.path("signer_priv_hex")));
        EddsaSignature sig = Eddsa.sign(priv, block);
        assertEquals(out.path("sig_hex").asText(), toHex(sig.bytes()));
        assertTrue(Eddsa.verify(EddsaPublicKey.fromBase32(in.path("signer_pub_b32").asText()), block, sig));
    }

    @Test
    void timestampsNeverAndAmount() {
        JsonNode c = sigCase("exchange-purse-status");
        JsonNode in = c.path("input");
        PurposeBlock block = PurposeBlock.builder(1047)
                .timestamp(Timestamp.NEVER)
                .timestamp(Timestamp.ofSeconds(in.path("deposit_timestamp_s").asLong()))
                .amount(Amount.parse(in.path("balance").asText()))
                .build();
        assertSigned(c, block);
    }

    @Test
    void fixedWidthString() {
        JsonNode c = sigCase("exchange-affirm-denom-expired-deposit");
        JsonNode in = c.path("input");
        PurposeBlock block = PurposeBlock.builder(1043)
                .timestamp(Timestamp.ofSeconds(in.path("timestamp_s").asLong()))
                .fixedString(in.path("operation").asText(), 8)
                .bytes(new HashCode(hex(in.path("h_denom_pub_hex"))))
                .build();
        assertSigned(c, block);
    }

    @Test
    void relativeTime() {
        JsonNode c = sigCase("sm-signing-key");
        JsonNode out = c.path("output");
        JsonNode layout = out.path("layout");
        PurposeBlock.Builder b = PurposeBlock.builder(1251);
        for (int i = 2; i < layout.size(); i++) {
            JsonNode f = layout.get(i);
            if (f.path("field").asText().contains("rel us")) {
                b.relativeTime(RelativeTime.fromNbo(hex(f.path("hex"))));
            } else if (f.path("field").asText().contains("time")) {
                b.timestamp(Timestamp.fromNbo(hex(f.path("hex"))));
            } else {
                b.bytes(hex(f.path("hex")));
            }
        }
        assertSigned(c, b.build());
    }

    @Test
    void u64IsBigEndian() {
        PurposeBlock block = PurposeBlock.builder(-1).u64(0x0102030405060708L).u32(-2).build();
        assertEquals("00000014ffffffff0102030405060708fffffffe", toHex(block.toBytes()));
    }
}
