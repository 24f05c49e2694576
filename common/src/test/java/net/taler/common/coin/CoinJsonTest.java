package net.taler.common.coin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublic;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.rsa.RsaSignature;

/** Cipher-tagged JSON objects and the stored blind-signature bytes round-trip; bad input is refused. */
class CoinJsonTest {
    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void planchetsRoundTrip() {
        BlindedPlanchet rsa = new BlindedPlanchet.Rsa(new byte[] {0, 1, 2, 3}); // leading zero kept
        ObjectNode j = CoinJson.planchet(rsa);
        assertEquals("RSA", j.get("cipher").asText());
        assertArrayEquals(rsa.envelope(), CoinJson.planchet(j).envelope());

        BlindedPlanchet cs = new BlindedPlanchet.Cs(new CsBlindedMessage(filled(32, 1), filled(32, 2),
                new CsNonce(filled(32, 3))));
        ObjectNode k = CoinJson.planchet(cs);
        assertEquals("CS", k.get("cipher").asText());
        assertEquals(cs, CoinJson.planchet(k));
    }

    @Test
    void signaturesRoundTripAsJsonAndBytes() {
        BlindSignature rsa = new BlindSignature.Rsa(RsaSignature.of(BigInteger.valueOf(123456789L)));
        assertEquals(rsa, CoinJson.blindSignature(CoinJson.blindSignature(rsa)));
        assertEquals(rsa, CoinJson.decode(CoinJson.encode(rsa)));
        BlindSignature cs = new BlindSignature.Cs(new CsBlindSignature(1, filled(32, 9)));
        assertEquals(1, CoinJson.blindSignature(cs).get("b").asInt());
        assertEquals(cs, CoinJson.blindSignature(CoinJson.blindSignature(cs)));
        assertEquals(cs, CoinJson.decode(CoinJson.encode(cs)));
    }

    @Test
    void withdrawValues() {
        assertNull(CoinJson.withdrawValues(CoinJson.withdrawValues((CsRPublicPair) null)));
        CsRPublicPair p = new CsRPublicPair(new CsRPublic(filled(32, 4)), new CsRPublic(filled(32, 5)));
        assertEquals(p, CoinJson.withdrawValues(CoinJson.withdrawValues(p)));
    }

    @Test
    void strictParsing() {
        var m = net.taler.common.json.TalerJson.mapper();
        assertThrows(IllegalArgumentException.class, () -> CoinJson.planchet(m.createObjectNode().put("cipher", "EC")));
        assertThrows(IllegalArgumentException.class, () -> CoinJson.planchet(m.createObjectNode().put("cipher", "RSA")));
        ObjectNode shortNonce = CoinJson.planchet(new BlindedPlanchet.Cs(new CsBlindedMessage(filled(32, 1),
                filled(32, 2), new CsNonce(filled(32, 3)))));
        shortNonce.put("cs_nonce", "AAAA");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoinJson.planchet(shortNonce));
        assertEquals("cs_nonce: not 32 bytes of base32", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CoinJson.blindSignature(m.createObjectNode().put("cipher", "CS").put("b", 2).put("s", "")));
        assertThrows(IllegalArgumentException.class, () -> CoinJson.decode(new byte[] {0, 0, 0, 9, 1}));
    }
}
