package net.taler.common.coin;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.age.AgeMask;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.cs.CsRPublic;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.cs.CsSignature;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Clause-Schnorr flows of cs.json (C client formulas) through {@link Planchets}: coin
 * key and blinding seed from the planchet secret and (R0, R1), nonce, envelope, envelope
 * hash, then the signer's answer and the unblinded coin. (coins.json has RSA coins only.)
 */
class CsPlanchetVectorTest {
    static Stream<Arguments> flows() {
        return Stream.concat(VectorFile.arguments("cs.json", "cs-withdraw-"), VectorFile.arguments("cs.json", "cs-melt-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void flow(String id, JsonNode c) {
        JsonNode key = VectorFile.cases("cs.json").stream().filter(k -> k.path("id").asText().equals("cs-key"))
                .findFirst().orElseThrow();
        CsPrivateKey priv = new CsPrivateKey(hex(key.path("input").path("cs_priv_hex")));
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        DenominationKey.Cs denom = new DenominationKey.Cs(priv.publicKey(), AgeMask.NONE);
        assertEquals(in.path("cs_pub_hex").asText(), toHex(denom.key().bytes()));
        assertEquals(key.path("output").path("denom_pub_hash_age0_hex").asText(), toHex(denom.hash().bytes()));

        boolean melt = id.startsWith("cs-melt-");
        PlanchetMasterSecret ps = new PlanchetMasterSecret(hex(in.path("planchet_secret_hex")));
        CsNonce nonce = melt
                ? new RefreshMasterSecret(hex(in.path("refresh_master_secret_hex"))).csNonce(in.path("coin_index").asInt())
                : CsNonce.forWithdraw(ps);
        assertEquals(in.path("nonce_hex").asText(), toHex(nonce.bytes()));
        CsRPublicPair r = Cs.deriveRPublic(priv, nonce, melt);
        assertEquals(new CsRPublicPair(new CsRPublic(hex(out.path("r_pub_0_hex"))), new CsRPublic(hex(out.path("r_pub_1_hex")))), r);

        Planchet p = melt
                ? Planchets.create(denom, CoinSecrets.fromPlanchetSecret(ps, DenominationKey.CIPHER_CS, r), null, r, nonce)
                : Planchets.forWithdraw(ps, denom, r, null);
        assertEquals(out.path("coin_priv_hex").asText(), toHex(p.coinPriv().bytes()));
        assertEquals(out.path("coin_pub_hex").asText(), toHex(p.coinPub().bytes()));
        assertEquals(out.path("blind_seed_bks_hex").asText(), toHex(p.blindingKeySecret().bytes()));
        assertEquals(out.path("c_hash_hex").asText(), toHex(p.coinPubHash().bytes()));
        JsonNode bp = out.path("blinded_planchet_json");
        BlindedPlanchet.Cs ev = (BlindedPlanchet.Cs) p.blinded();
        assertEquals(bp.path("cs_nonce").asText(), ev.message().nonce().toBase32());
        assertEquals(out.path("blinded_c0_hex").asText(), toHex(ev.message().c0()));
        assertEquals(out.path("blinded_c1_hex").asText(), toHex(ev.message().c1()));
        assertEquals(out.path("coin_ev_hash_hex").asText(), toHex(p.envelopeHash().bytes()));

        CsBlindSignature blind = Cs.sign(priv, ev.message(), melt);
        assertEquals(out.path("b").asInt(), blind.b());
        assertEquals(out.path("blind_s_hex").asText(), toHex(blind.s()));
        Coin coin = p.toCoin(new BlindSignature.Cs(blind));
        CsSignature sig = ((DenominationSignature.Cs) coin.signature()).signature();
        assertEquals(out.path("sig_r_hex").asText(), toHex(sig.r().bytes()));
        assertEquals(out.path("sig_s_hex").asText(), toHex(sig.s()));
        assertTrue(coin.verify());
    }
}
