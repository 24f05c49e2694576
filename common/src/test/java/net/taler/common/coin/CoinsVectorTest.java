package net.taler.common.coin;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.age.AgeCommitment;
import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.age.AgeMask;
import net.taler.common.age.AgeRestriction;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePrivateKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.sig.wallet.AgeAttestation;
import net.taler.common.sig.wallet.WithdrawRequest;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of coins.json, each recomputed through the {@code coin} and {@code age} APIs
 * (the wallet and, for refresh, the exchange and link side). {@link #allCasesRan} makes
 * sure none was skipped.
 */
class CoinsVectorTest {
    private static final int EXPECTED_CASES = 20;
    private static final Set<String> RAN = ConcurrentHashMap.newKeySet();

    static Stream<Arguments> cases() {
        List<JsonNode> all = VectorFile.cases("coins.json");
        assertEquals(EXPECTED_CASES, all.size(), "coins.json case count");
        return all.stream().map(c -> Arguments.of(c.path("id").asText(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        if (id.startsWith("withdraw-derive-")) {
            withdrawDerive(c);
        } else if (id.startsWith("withdraw-")) {
            withdraw(c);
        } else if (id.startsWith("tip-")) {
            tip(c);
        } else if (id.startsWith("refresh-")) {
            refresh(c);
        } else if (id.startsWith("age-commit-")) {
            ageCommit(c);
        } else if (id.startsWith("age-derive-")) {
            ageDerive(c);
        } else if (id.equals("age-groups")) {
            ageGroups(c);
        } else {
            fail("unhandled vector case " + id);
        }
        assertTrue(RAN.add(id), "duplicate case id " + id);
    }

    @AfterAll
    static void allCasesRan() {
        assertEquals(EXPECTED_CASES, RAN.size(), "cases run: " + RAN);
    }

    @Test
    void caseIdsAreUnique() {
        List<String> ids = VectorFile.cases("coins.json").stream().map(c -> c.path("id").asText()).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size());
    }

    // ---- withdraw ------------------------------------------------------

    private static void withdrawDerive(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        int index = (int) in.path("coin_index").asLong();
        CoinSecrets s = CoinSecrets.walletWithdrawal(hex(in.path("secret_seed_hex")), index);
        assertSecrets(out, s);
    }

    private static void assertSecrets(JsonNode out, CoinSecrets s) {
        assertEquals(out.path("coin_priv_hex").asText(), toHex(s.coinPriv().bytes()));
        if (out.has("coin_priv_b32")) {
            assertEquals(out.path("coin_priv_b32").asText(), s.coinPriv().toBase32());
        }
        assertEquals(out.path("coin_pub_hex").asText(), toHex(s.coinPub().bytes()));
        if (out.has("coin_pub_b32")) {
            assertEquals(out.path("coin_pub_b32").asText(), s.coinPub().toBase32());
        }
        assertEquals(out.path("bks_hex").asText(), toHex(s.blindingKeySecret().bytes()));
        if (out.has("bks_b32")) {
            assertEquals(out.path("bks_b32").asText(), s.blindingKeySecret().toBase32());
        }
    }

    private static void withdraw(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        DenominationKey.Rsa denom = (DenominationKey.Rsa) VectorSupport.denomination(in.path("denom_pub"));
        assertEquals(in.path("denom_pub_hash_b32").asText(), denom.hash().toBase32());

        // the wallet's random age commitment, replayed from the recorded random draws
        AgeCommitmentProof acp = null;
        if (denom.ageMask().isRestricted()) {
            int age = in.path("restrict_age").isNull() || in.path("restrict_age").asInt() == 0
                    ? AgeRestriction.AGE_UNRESTRICTED : in.path("restrict_age").asInt();
            List<byte[]> draws = new ArrayList<>();
            in.path("random_draws_hex").forEach(n -> draws.add(hex(n)));
            acp = AgeRestriction.commitFromKeySeeds(denom.ageMask(), age, draws);
            assertEquals(VectorSupport.proof(out.path("age_commitment_proof")), acp);
            assertEquals(out.path("h_age_commitment_b32").asText(), acp.hash().toBase32());
        } else {
            assertTrue(out.path("age_commitment_proof").isNull());
            assertTrue(out.path("h_age_commitment_b32").isNull());
            assertEquals(0, in.path("random_draws_hex").size());
        }

        Planchet p = Planchets.forWalletWithdrawal(denom, hex(in.path("secret_seed_hex")),
                (int) in.path("coin_index").asLong(), acp);
        assertSecrets(out, p.secrets());
        assertEquals(acp == null ? ShortHash.ZERO : acp.hash(), p.ageCommitmentHash());
        assertEquals(out.path("coin_pub_hash_hex").asText(), toHex(p.coinPubHash().bytes()));
        assertCoinEv(out, p);
        assertEquals(out.path("coin_ev_hex").asText(), toHex(p.blinded().envelope()));

        Amount withFee = Amount.parse(in.path("value").asText()).add(Amount.parse(in.path("fee_withdraw").asText()));
        assertEquals(Amount.parse(out.path("amount_with_fee").asText()), withFee);
        WithdrawRequest wr = p.withdrawRequest(withFee);
        assertEquals(out.path("withdraw_purpose_hex").asText(), toHex(wr.toPurposeBlock().toBytes()));
        EddsaPrivateKey reservePriv = new EddsaPrivateKey(hex(in.path("reserve_priv_hex")));
        assertEquals(in.path("reserve_pub_hex").asText(), toHex(reservePriv.publicKey().bytes()));
        EddsaSignature reserveSig = wr.sign(reservePriv);
        assertEquals(out.path("reserve_sig_hex").asText(), toHex(reserveSig.bytes()));
        assertTrue(wr.verify(reservePriv.publicKey(), reserveSig));
        JsonNode req = out.path("withdraw_request_json");
        assertEquals(req.path("denom_pub_hash").asText(), p.denomPubHash().toBase32());
        assertEquals(req.path("coin_ev").path("rsa_blinded_planchet").asText(),
                ((BlindedPlanchet.Rsa) p.blinded()).toBase32());
        assertEquals(req.path("reserve_sig").asText(), reserveSig.toBase32());

        // exchange: blind-sign (frozen test key), wallet: unblind and verify
        RsaSignature blind = RsaBlinding.sign(VectorSupport.rsaPrivateKey(denom.key()),
                ((BlindedPlanchet.Rsa) p.blinded()).blindedMessage());
        assertEquals(out.path("blind_sig_hex").asText(), toHex(blind.encode()));
        assertEquals(out.path("blinded_denom_sig_json").path("blinded_rsa_signature").asText(), blind.toBase32());
        Coin coin = p.toCoin(new BlindSignature.Rsa(blind));
        RsaSignature sig = ((DenominationSignature.Rsa) coin.signature()).signature();
        assertEquals(out.path("denom_sig_hex").asText(), toHex(sig.encode()));
        assertEquals(out.path("denom_sig_json").path("rsa_signature").asText(), sig.toBase32());
        assertEquals(out.path("coin_sig_valid").asBoolean(), coin.verify());
    }

    private static void assertCoinEv(JsonNode out, Planchet p) {
        JsonNode ev = out.path("coin_ev");
        assertEquals("RSA", ev.path("cipher").asText());
        assertEquals(ev.path("rsa_blinded_planchet").asText(), ((BlindedPlanchet.Rsa) p.blinded()).toBase32());
        assertEquals(BlindedPlanchet.Rsa.fromBase32(ev.path("rsa_blinded_planchet").asText()), p.blinded());
        assertEquals(out.path("coin_ev_hash_hex").asText(), toHex(p.envelopeHash().bytes()));
        if (out.has("coin_ev_hash_b32")) {
            assertEquals(out.path("coin_ev_hash_b32").asText(), p.envelopeHash().toBase32());
        }
    }

    // ---- tip -----------------------------------------------------------

    private static void tip(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        DenominationKey.Rsa denom = (DenominationKey.Rsa) VectorSupport.denomination(in.path("denom_pub"));
        assertEquals(in.path("denom_pub_hash_b32").asText(), denom.hash().toBase32());
        Planchet p = Planchets.forTip(denom, hex(in.path("tip_seed_hex")), in.path("planchet_index").asInt());
        assertSecrets(out, p.secrets());
        assertEquals(Optional.ofNullable(VectorSupport.proof(out.path("age_commitment_proof"))), p.ageCommitmentProof());
        if (out.path("h_age_commitment_b32").isNull()) {
            assertTrue(p.ageCommitmentHash().isZero());
        } else {
            assertEquals(out.path("h_age_commitment_b32").asText(), p.ageCommitmentHash().toBase32());
        }
        assertCoinEv(out, p);
    }

    // ---- refresh -------------------------------------------------------

    private static void refresh(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        JsonNode old = in.path("old_coin");
        EddsaPrivateKey oldPriv = new EddsaPrivateKey(hex(old.path("coin_priv_hex")));
        EddsaPublicKey oldPub = oldPriv.publicKey();
        assertEquals(old.path("coin_pub_hex").asText(), toHex(oldPub.bytes()));
        HashCode oldDenomHash = HashCode.fromBase32(old.path("denom_pub_hash_b32").asText());
        AgeCommitmentProof oldAcp = VectorSupport.proof(old.path("age_commitment_proof"));
        assertEquals(3, in.path("kappa").asInt());

        List<DenominationKey> fresh = new ArrayList<>();
        List<String> freshNames = new ArrayList<>();
        List<Amount> values = new ArrayList<>();
        List<Amount> fees = new ArrayList<>();
        for (JsonNode fc : in.path("fresh_coins")) {
            DenominationKey d = VectorSupport.denomination(fc.path("denom_pub"));
            assertEquals(fc.path("denom_pub_hash_b32").asText(), d.hash().toBase32());
            for (int i = 0; i < fc.path("count").asInt(); i++) {
                fresh.add(d);
                freshNames.add(fc.path("denom").asText());
                values.add(Amount.parse(fc.path("value").asText()));
                fees.add(Amount.parse(fc.path("fee_withdraw").asText()));
            }
        }
        Amount refreshFee = Amount.parse(in.path("refresh_fee").asText());
        Amount melt = RefreshSession.meltAmountWithFee(values, fees, refreshFee);
        assertEquals(Amount.parse(out.path("melt_amount_with_fee").asText()), melt);

        // wallet side
        RefreshSession s = RefreshSession.forWallet(oldPriv, oldDenomHash, oldAcp,
                hex(in.path("session_secret_seed_hex")), fresh, melt, refreshFee);
        assertEquals(out.path("rc_hex").asText(), toHex(s.rc().bytes()));
        assertEquals(out.path("rc_b32").asText(), s.rc().toBase32());
        assertEquals(out.path("h_age_commitment_old_hex").asText(), toHex(s.meltRequest().hAgeCommitment().bytes()));
        assertEquals(out.path("melt_purpose_hex").asText(), toHex(s.meltRequest().toPurposeBlock().toBytes()));
        assertEquals(out.path("confirm_sig_hex").asText(), toHex(s.meltSignature().bytes()));
        assertEquals(out.path("confirm_sig_b32").asText(), s.meltSignature().toBase32());
        assertTrue(s.meltRequest().verify(oldPub, s.meltSignature()));

        int noreveal = out.path("noreveal_index_used_for_signatures").asInt();
        JsonNode gammas = out.path("gammas");
        assertEquals(3, gammas.size());
        for (JsonNode g : gammas) {
            int gamma = g.path("gamma").asInt();
            assertEquals(g.path("transfer_priv_hex").asText(), toHex(s.transferPrivs().get(gamma).bytes()));
            assertEquals(g.path("transfer_priv_b32").asText(), s.transferPrivs().get(gamma).toBase32());
            assertEquals(g.path("transfer_pub_hex").asText(), toHex(s.transferPubs().get(gamma).bytes()));
            assertEquals(g.path("transfer_pub_b32").asText(), s.transferPubs().get(gamma).toBase32());
            TransferSecret ts = s.transferSecrets().get(gamma);
            assertEquals(g.path("transfer_secret_hex").asText(), toHex(ts.bytes()));
            assertEquals(g.path("transfer_secret_b32").asText(), ts.toBase32());
            // the linking direction gives the same secret
            assertEquals(ts, TransferSecret.derive(oldPriv, s.transferPubs().get(gamma)).orElseThrow());

            List<Planchet> ps = s.planchets(gamma);
            assertEquals(fresh.size(), g.path("coins").size());
            for (JsonNode coin : g.path("coins")) {
                int j = coin.path("coin_index").asInt();
                Planchet p = ps.get(j);
                assertEquals(freshNames.get(j), coin.path("denom").asText());
                assertEquals(coin.path("planchet_secret_hex").asText(), toHex(ts.planchetSecret(j).bytes()));
                assertSecrets(coin, p.secrets());
                if (coin.path("age_commitment").isNull()) {
                    assertTrue(p.ageCommitmentProof().isEmpty());
                    assertTrue(p.ageCommitmentHash().isZero());
                    assertTrue(coin.path("h_age_commitment_b32").isNull());
                } else {
                    AgeCommitment expected = VectorSupport.commitment(coin.path("age_commitment"));
                    assertEquals(expected, p.ageCommitmentProof().orElseThrow().commitment());
                    assertEquals(coin.path("h_age_commitment_b32").asText(), p.ageCommitmentHash().toBase32());
                    assertEquals(oldAcp.privateKeys().size(), p.ageCommitmentProof().orElseThrow().privateKeys().size());
                }
                assertEquals(coin.path("coin_pub_hash_hex").asText(), toHex(p.coinPubHash().bytes()));
                assertCoinEv(coin, p);
                if (coin.has("exchange_blind_sig_b32")) {
                    assertEquals(noreveal, gamma);
                    DenominationKey.Rsa d = (DenominationKey.Rsa) p.denomination();
                    RsaSignature blind = RsaBlinding.sign(VectorSupport.rsaPrivateKey(d.key()),
                            ((BlindedPlanchet.Rsa) p.blinded()).blindedMessage());
                    assertEquals(coin.path("exchange_blind_sig_b32").asText(), blind.toBase32());
                    Coin fc = p.toCoin(new BlindSignature.Rsa(blind));
                    assertEquals(coin.path("denom_sig_b32").asText(),
                            ((DenominationSignature.Rsa) fc.signature()).signature().toBase32());
                }
            }
        }

        // exchange side: reveal with the noreveal index of the vector
        AgeCommitment oldAc = oldAcp == null ? null : oldAcp.commitment();
        if (oldAc != null) {
            assertEquals(out.path("h_age_commitment_old_hex").asText(), toHex(oldAc.hash().bytes()));
        }
        List<BlindedPlanchet> evs = s.planchets(noreveal).stream().map(Planchet::blinded).toList();
        RefreshReveal reveal = new RefreshReveal(oldPub, melt, noreveal, s.transferPubs().get(noreveal),
                s.revealedTransferPrivs(noreveal), fresh, evs, oldAc, null, null);
        assertEquals(s.rc(), reveal.expectedRc());
        assertTrue(reveal.matches(HashCode.fromBase32(out.path("rc_b32").asText())));
        int off = 0;
        for (int gamma = 0; gamma < 3; gamma++) {
            if (gamma == noreveal) {
                off = 1;
                continue;
            }
            EcdhePrivateKey tp = s.revealedTransferPrivs(noreveal).get(gamma - off);
            List<Planchet> again = reveal.recomputePlanchets(tp);
            for (JsonNode coin : gammas.get(gamma).path("coins")) {
                Planchet p = again.get(coin.path("coin_index").asInt());
                assertEquals(coin.path("coin_pub_hex").asText(), toHex(p.coinPub().bytes()));
                assertEquals(coin.path("coin_ev_hash_hex").asText(), toHex(p.envelopeHash().bytes()));
                assertTrue(p.ageCommitmentProof().isEmpty());
            }
        }

        // link: the melted coin's owner recovers the revealed coins
        List<EddsaSignature> linkSigs = s.linkSignatures(noreveal);
        List<LinkData.LinkedCoin> linked = new ArrayList<>();
        for (int j = 0; j < fresh.size(); j++) {
            Planchet p = s.planchets(noreveal).get(j);
            DenominationKey.Rsa d = (DenominationKey.Rsa) p.denomination();
            RsaSignature blind = RsaBlinding.sign(VectorSupport.rsaPrivateKey(d.key()),
                    ((BlindedPlanchet.Rsa) p.blinded()).blindedMessage());
            assertTrue(LinkData.verifyLinkSignature(oldPub, s.transferPubs().get(noreveal), p.denomPubHash(),
                    p.envelopeHash(), linkSigs.get(j)));
            linked.add(new LinkData.LinkedCoin(d, new BlindSignature.Rsa(blind), j, linkSigs.get(j), null, null));
        }
        List<Coin> recovered = new LinkData(s.transferPubs().get(noreveal), linked).recover(oldPriv, oldAcp);
        for (int j = 0; j < fresh.size(); j++) {
            Coin rc = recovered.get(j);
            Planchet p = s.planchets(noreveal).get(j);
            assertEquals(p.coinPriv(), rc.coinPriv());
            assertEquals(p.ageCommitmentHash(), rc.ageCommitmentHash());
            assertTrue(rc.verify());
        }
    }

    // ---- age -----------------------------------------------------------

    private static void ageCommit(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        AgeMask mask = AgeMask.of(in.path("age_mask").asLong());
        int age = in.path("age").asInt();
        byte[] seed = hex(in.path("seed_hex"));
        List<byte[]> keySeeds = AgeRestriction.seededKeySeeds(mask, seed);
        assertEquals(out.path("key_seeds_hex").size(), keySeeds.size());
        for (int i = 0; i < keySeeds.size(); i++) {
            assertEquals(out.path("key_seeds_hex").get(i).asText(), toHex(keySeeds.get(i)));
        }
        AgeCommitmentProof acp = AgeRestriction.commitSeeded(mask, age, seed);
        assertEquals(VectorSupport.proof(out.path("age_commitment_proof")), acp);
        assertEquals(mask.groupIndex(age), acp.attestableGroup());
        assertEquals(out.path("h_age_commitment_b32").asText(), acp.hash().toBase32());
        assertEquals(out.path("h_age_commitment_hex").asText(), toHex(AgeRestriction.hash(acp.commitment()).bytes()));
        assertTrue(acp.isConsistent());

        for (JsonNode a : out.path("attestations")) {
            int min = a.path("minimum_age").asInt();
            assertEquals(a.path("age_group").asInt(), mask.groupIndex(min));
            assertEquals(a.path("purpose_hex").asText(),
                    toHex(new AgeAttestation(mask.bits(), min).toPurposeBlock().toBytes()));
            boolean can = a.path("can_attest").asBoolean();
            assertEquals(can, acp.canAttest(min));
            Optional<EddsaSignature> sig = AgeRestriction.attest(acp, min);
            assertEquals(can, sig.isPresent());
            if (can) {
                assertEquals(a.path("signature_hex").asText(), toHex(sig.get().bytes()));
                assertEquals(a.path("verify_ok").asBoolean(),
                        AgeRestriction.verifyAttestation(acp.commitment(), min, sig.get()));
                assertTrue(a.path("verify_ok").asBoolean());
            } else {
                assertTrue(a.path("signature_hex").isNull());
                // nothing the owner can produce verifies: neither a zero signature nor the
                // signature of the highest group it holds
                assertFalse(AgeRestriction.verifyAttestation(acp.commitment(), min,
                        new EddsaSignature(new byte[EddsaSignature.SIZE])));
                if (acp.attestableGroup() > 0) {
                    EddsaSignature other = new AgeAttestation(mask.bits(), min)
                            .sign(acp.privateKeys().get(acp.attestableGroup() - 1));
                    assertFalse(AgeRestriction.verifyAttestation(acp.commitment(), min, other));
                }
            }
        }
    }

    private static void ageDerive(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        AgeCommitmentProof acp = VectorSupport.proof(in.path("age_commitment_proof"));
        byte[] salt = hex(in.path("salt_hex"));
        assertEquals(64, salt.length);
        AgeCommitmentProof derived = acp.derive(new TransferSecret(salt));
        assertEquals(VectorSupport.proof(out.path("derived_age_commitment_proof")), derived);
        assertEquals(out.path("h_age_commitment_b32").asText(), derived.hash().toBase32());
        // the exchange derives from the public part only and gets the same hash
        AgeCommitment pub = AgeRestriction.derive(acp.commitment(), new TransferSecret(salt)).orElseThrow();
        assertEquals(derived.commitment(), pub);
        assertTrue(acp.commitment().isDerivation(pub, salt));
        assertTrue(derived.isConsistent());
    }

    private static void ageGroups(JsonNode c) {
        JsonNode masks = c.path("input").path("masks");
        JsonNode results = c.path("output").path("results");
        assertEquals(masks.size(), results.size());
        for (int k = 0; k < masks.size(); k++) {
            JsonNode r = results.get(k);
            AgeMask mask = AgeMask.of(masks.get(k).asLong());
            assertEquals(r.path("mask").asLong(), Integer.toUnsignedLong(mask.bits()));
            List<Integer> starts = new ArrayList<>();
            r.path("groups_from_mask").forEach(n -> starts.add(n.asInt()));
            assertEquals(starts, mask.groupStarts());
            assertEquals(r.path("count_age_groups").asInt(), mask.groupCount());
            JsonNode byAge = r.path("group_index_by_age");
            assertEquals(33, byAge.size());
            for (int age = 0; age < byAge.size(); age++) {
                assertEquals(byAge.get(age).asInt(), mask.groupIndex(age), "mask " + mask + " age " + age);
                assertEquals(byAge.get(age).asInt(), AgeRestriction.groupIndex(mask, age));
            }
            assertNotNull(mask.toGroupString());
            assertEquals(mask, AgeMask.parse(mask.toGroupString()));
        }
    }
}
