package net.taler.common.sig;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519PrivateKey;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.encoding.Crockford;
import net.taler.common.sig.auditor.AuditorDenominationValidity;
import net.taler.common.sig.exchange.AccountSetupSuccess;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.exchange.DenominationUnknown;
import net.taler.common.sig.exchange.DepositConfirmation;
import net.taler.common.sig.exchange.KeySet;
import net.taler.common.sig.exchange.MeltConfirmation;
import net.taler.common.sig.exchange.PurseCreationConfirmation;
import net.taler.common.sig.exchange.PurseMergedConfirmation;
import net.taler.common.sig.exchange.PurseRefundConfirmation;
import net.taler.common.sig.exchange.PurseStatus;
import net.taler.common.sig.exchange.RecoupConfirmation;
import net.taler.common.sig.exchange.RecoupRefreshConfirmation;
import net.taler.common.sig.exchange.RefundConfirmation;
import net.taler.common.sig.exchange.ReserveAttestation;
import net.taler.common.sig.exchange.ReserveClosed;
import net.taler.common.sig.exchange.WireConfirmation;
import net.taler.common.sig.exchange.WireDepositConfirmation;
import net.taler.common.sig.master.AddAuditor;
import net.taler.common.sig.master.AddWire;
import net.taler.common.sig.master.DelAuditor;
import net.taler.common.sig.master.DelWire;
import net.taler.common.sig.master.DenominationKeyRevoked;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.DrainProfit;
import net.taler.common.sig.master.ExtensionManifests;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.PartnerDetails;
import net.taler.common.sig.master.SigningKeyRevoked;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.sig.master.WireFees;
import net.taler.common.sig.merchant.MerchantContract;
import net.taler.common.sig.merchant.MerchantWireDetails;
import net.taler.common.sig.merchant.PaymentOk;
import net.taler.common.sig.merchant.RefundRequest;
import net.taler.common.sig.merchant.TrackTransaction;
import net.taler.common.sig.secmod.CsKeyAnnouncement;
import net.taler.common.sig.secmod.RsaKeyAnnouncement;
import net.taler.common.sig.secmod.SigningKeyAnnouncement;
import net.taler.common.sig.wallet.AccountMerge;
import net.taler.common.sig.wallet.AccountSetup;
import net.taler.common.sig.wallet.AgeAttestation;
import net.taler.common.sig.wallet.CoinDeposit;
import net.taler.common.sig.wallet.CoinLink;
import net.taler.common.sig.wallet.CoinMelt;
import net.taler.common.sig.wallet.CoinRecoup;
import net.taler.common.sig.wallet.CoinRecoupRefresh;
import net.taler.common.sig.wallet.PurseCreate;
import net.taler.common.sig.wallet.PurseDeposit;
import net.taler.common.sig.wallet.PurseEcontract;
import net.taler.common.sig.wallet.PurseMerge;
import net.taler.common.sig.wallet.PurseStatusRequest;
import net.taler.common.sig.wallet.ReserveAttestRequest;
import net.taler.common.sig.wallet.ReserveCloseRequest;
import net.taler.common.sig.wallet.ReserveHistoryRequest;
import net.taler.common.sig.wallet.ReserveOpenDeposit;
import net.taler.common.sig.wallet.ReserveOpenRequest;
import net.taler.common.sig.wallet.ReserveStatusRequest;
import net.taler.common.sig.wallet.SyncBackupUpload;
import net.taler.common.sig.wallet.WithdrawRequest;
import net.taler.common.testing.VectorFile;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of signatures.json: the record built from the case's input must
 * give exactly {@code output.purpose_hex}, sign to {@code sig_hex} (Ed25519 is
 * deterministic) and verify the vector's signature as {@code verify_ok} says.
 * Hashes that the vector gives as input are taken as given; where it gives only
 * the hashed text (payto URI, URL, section name, JSON text) the record's
 * factory or the common hash helpers compute them.
 */
class SignaturesVectorTest {
    private static final String FILE = "signatures.json";
    private static final AtomicInteger RUN = new AtomicInteger();

    static Stream<Arguments> cases() {
        return VectorFile.arguments(FILE, "");
    }

    @AfterAll
    static void allCasesRan() {
        int expected = VectorFile.cases(FILE).size();
        assertEquals(78, expected, "signatures.json should hold 78 cases");
        assertEquals(expected, RUN.get(), "cases run vs cases in " + FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        switch (id) {
            case "keys" -> keys(out);
            case "wallet-age-attestation" -> ageAttestation(in, out);
            case "wallet-merchant-track-transaction" -> trackTransactionWallet(c);
            case "merchant-track-transaction-c" -> trackTransactionC(c);
            default -> checkSignable(c, build(id, in, out));
        }
        RUN.incrementAndGet();
    }

    // ------------------------------------------------------------------ generic check

    private static void checkSignable(JsonNode c, Signable rec) {
        assertEquals(c.path("input").path("purpose").asInt(), rec.purpose(), "purpose()");
        checkCase(c, rec.getClass(), "SIZE", rec.toPurposeBlock(), rec::sign, sig -> rec.verify(signerPub(c), sig));
    }

    /**
     * Bytes, size, purpose, layout, signature and verification of one case.
     */
    private static void checkCase(JsonNode c, Class<?> type, String sizeConstant, PurposeBlock block,
            java.util.function.Function<EddsaPrivateKey, EddsaSignature> signer, Predicate<EddsaSignature> verifier) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        byte[] bytes = block.toBytes();

        assertEquals(out.path("purpose_hex").asText(), toHex(bytes), "purpose block bytes");
        assertEquals(out.path("purpose_size").asInt(), block.size(), "purpose_size");
        assertEquals(in.path("purpose").asInt(), block.purpose(), "purpose in header");
        assertEquals(in.path("purpose").asInt(), staticInt(type, "PURPOSE"), type.getSimpleName() + ".PURPOSE");
        assertEquals(block.size(), staticInt(type, sizeConstant), type.getSimpleName() + "." + sizeConstant);
        assertEquals(in.path("purpose_name").asText(), Purposes.name(block.purpose()).orElseThrow(), "purpose name");
        checkLayout(out, bytes);

        EddsaPrivateKey priv = new EddsaPrivateKey(hex(in.path("signer_priv_hex")));
        assertEquals(signerPub(c), priv.publicKey(), "signer key pair");
        assertEquals(in.path("signer_pub_b32").asText(), priv.publicKey().toBase32());
        assertEquals(priv, EddsaPrivateKey.fromBase32(in.path("signer_priv_b32").asText()));

        EddsaSignature sig = signer.apply(priv);
        assertEquals(out.path("sig_hex").asText(), toHex(sig.bytes()), "signature");
        assertEquals(out.path("sig_b32").asText(), sig.toBase32(), "signature base32");

        EddsaSignature vectorSig = new EddsaSignature(hex(out.path("sig_hex")));
        boolean ok = verifier.test(vectorSig);
        assertEquals(out.path("verify_ok").asBoolean(), ok, "verify_ok");
        if (out.has("wallet_verifier_result")) {
            assertEquals(out.path("wallet_verifier_result").asBoolean(), ok, "wallet_verifier_result");
        }
        // where the case also shows the request the wallet sends, its signature is ours
        for (String request : new String[] {"deposit_permission", "request_json", "purse_deposit_json"}) {
            if (out.has(request)) {
                assertEquals(sig.toBase32(), out.path(request).path("coin_sig").asText(), request + ".coin_sig");
            }
        }
    }

    private static void checkLayout(JsonNode out, byte[] bytes) {
        int covered = 0;
        for (JsonNode f : out.path("layout")) {
            int off = f.path("offset").asInt();
            int len = f.path("length").asInt();
            assertEquals(covered, off, "layout field " + f.path("field").asText() + " offset");
            assertEquals(f.path("hex").asText(), toHex(Arrays.copyOfRange(bytes, off, off + len)),
                    "layout field " + f.path("field").asText());
            covered += len;
        }
        assertEquals(bytes.length, covered, "layout covers the block");
    }

    private static int staticInt(Class<?> type, String name) {
        try {
            return type.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " lacks " + name, e);
        }
    }

    // ------------------------------------------------------------------ special cases

    private static void keys(JsonNode out) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = out.path("keys").fields(); it.hasNext(); n++) {
            Map.Entry<String, JsonNode> e = it.next();
            byte[] seed = Arrays.copyOf(Hashes.sha512(("taler-tv/sig/" + e.getKey())
                    .getBytes(StandardCharsets.UTF_8)).bytes(), 32);
            assertEquals(e.getValue().path("priv_hex").asText(), toHex(seed), "priv " + e.getKey());
            EddsaPublicKey pub = new EddsaPrivateKey(seed).publicKey();
            assertEquals(e.getValue().path("pub_hex").asText(), toHex(pub.bytes()), "pub " + e.getKey());
            assertEquals(e.getValue().path("pub_b32").asText(), pub.toBase32(), "pub b32 " + e.getKey());
        }
        assertEquals(15, n, "fixed keys");
    }

    /** 1207 is signed with an Edx25519 age-commitment key, not a plain EdDSA key. */
    private static void ageAttestation(JsonNode in, JsonNode out) {
        AgeAttestation rec = new AgeAttestation(in.path("age_mask").asInt(), in.path("minimum_age").asInt());
        PurposeBlock block = rec.toPurposeBlock();
        assertEquals(out.path("purpose_hex").asText(), toHex(block.toBytes()));
        assertEquals(out.path("purpose_size").asInt(), block.size());
        assertEquals(AgeAttestation.SIZE, block.size());
        assertEquals(in.path("purpose").asInt(), AgeAttestation.PURPOSE);
        assertEquals(in.path("purpose_name").asText(), Purposes.name(AgeAttestation.PURPOSE).orElseThrow());
        checkLayout(out, block.toBytes());

        Edx25519PrivateKey priv = new Edx25519PrivateKey(hex(in.path("signer_priv_hex")));
        Edx25519PublicKey pub = new Edx25519PublicKey(hex(in.path("signer_pub_hex")));
        assertEquals(pub, priv.publicKey());
        // mask 0x44101 (groups 8:14:18): age 14 is group 2, so commitment key index 1 signs
        JsonNode proof = in.path("age_commitment_proof");
        assertEquals(pub, Edx25519PublicKey.fromBase32(proof.path("commitment").path("publicKeys").get(1).asText()));
        assertEquals(priv, Edx25519PrivateKey.fromBase32(proof.path("proof").path("privateKeys").get(1).asText()));

        EddsaSignature sig = rec.sign(priv);
        assertEquals(out.path("sig_hex").asText(), toHex(sig.bytes()));
        assertEquals(out.path("sig_b32").asText(), sig.toBase32());
        EddsaSignature vectorSig = new EddsaSignature(hex(out.path("sig_hex")));
        assertEquals(out.path("verify_ok").asBoolean(), rec.verify(pub, vectorSig));
        Edx25519PublicKey otherGroup =
                Edx25519PublicKey.fromBase32(proof.path("commitment").path("publicKeys").get(0).asText());
        assertFalse(rec.verify(otherGroup, vectorSig), "key of another age group");
    }

    private static TrackTransaction trackTransaction(JsonNode c) {
        JsonNode in = c.path("input");
        return new TrackTransaction(hash(in, "h_contract_terms"), hash(in, "h_wire"), signerPub(c),
                pub(in, "coin_pub"));
    }

    /** 1103 as the C merchant signs and the C exchange verifies it. */
    private static void trackTransactionC(JsonNode c) {
        TrackTransaction rec = trackTransaction(c);
        checkSignable(c, rec);
        EddsaSignature sig = new EddsaSignature(hex(c.path("output").path("sig_hex")));
        assertTrue(rec.verifyCLayout(signerPub(c), sig));
        assertFalse(rec.verifyWalletLayout(signerPub(c), sig));
    }

    /** 1103 as the Dec 2022 wallet signs it (with merchant_pub): the exchange must accept it too. */
    private static void trackTransactionWallet(JsonNode c) {
        TrackTransaction rec = trackTransaction(c);
        checkCase(c, TrackTransaction.class, "WALLET_SIZE", rec.toWalletPurposeBlock(), rec::signWalletLayout,
                sig -> rec.verify(signerPub(c), sig));
        EddsaSignature sig = new EddsaSignature(hex(c.path("output").path("sig_hex")));
        assertTrue(rec.verifyWalletLayout(signerPub(c), sig));
        assertFalse(rec.verifyCLayout(signerPub(c), sig));
    }

    // ------------------------------------------------------------------ builders

    private static Signable build(String id, JsonNode in, JsonNode out) {
        return switch (id) {
            // ---- wallet
            case "wallet-reserve-withdraw" -> {
                HashCode hDenom = hDenomPub(in.path("denom_pub"));
                yield new WithdrawRequest(amount(in, "value").add(amount(in, "fee_withdraw")), hDenom,
                        envelopeHash(hDenom, in.path("coin_ev")));
            }
            case "wallet-coin-deposit-plain", "wallet-coin-deposit-age-min14", "wallet-coin-deposit-age-no-min" -> {
                HashCode hWire = hash(in, "h_wire");
                assertEquals(hWire, Hashes.hWire(in.path("merchant_payto").asText(),
                        WireSalt.fromBase32(in.path("wire_salt_b32").asText())), "h_wire");
                yield new CoinDeposit(hash(in, "h_contract_terms"), ageCommitmentHash(in.path("age_commitment_proof")),
                        HashCode.ZERO, hWire, hash(in, "h_denom_pub"), ts(in, "wallet_timestamp_s"),
                        ts(in, "refund_deadline_s"), amount(in, "contribution"), amount(in, "deposit_fee"),
                        pub(in, "merchant_pub"));
            }
            case "wallet-coin-melt" -> new CoinMelt(hash(in, "rc"), hash(in, "h_denom_pub"), ShortHash.ZERO,
                    amount(in, "amount_with_fee"), amount(in, "melt_fee"));
            case "wallet-coin-link" -> {
                HashCode hDenom = hash(in, "h_denom_pub");
                yield new CoinLink(hDenom, new EcdhePublicKey(hex(in.path("transfer_pub_hex"))),
                        envelopeHash(hDenom, in.path("coin_ev")));
            }
            case "wallet-coin-recoup" -> new CoinRecoup(hash(in, "h_denom_pub"),
                    BlindingKeySecret.fromBase32(in.path("coin_bks_b32").asText()));
            case "wallet-coin-recoup-refresh" -> new CoinRecoupRefresh(hash(in, "h_denom_pub"),
                    new BlindingKeySecret(hex(in.path("coin_bks_hex"))));
            case "wallet-purse-create", "wallet-reserve-purse-create-purse" -> new PurseCreate(
                    ts(in, "purse_expiration_s"), amount(in, "purse_amount"), hash(in, "h_contract_terms"),
                    pub(in, "merge_pub"), in.path("min_age").asInt(0)); // absent: the wallet signs 0
            case "wallet-purse-deposit-plain", "wallet-purse-deposit-age" -> PurseDeposit.of(
                    amount(in, "contribution"), hash(in, "h_denom_pub"),
                    ageCommitmentHash(in.path("age_commitment_proof")), pub(in, "purse_pub"),
                    in.path("exchange_base_url").asText());
            case "wallet-purse-merge" -> PurseMerge.of(ts(in, "merge_timestamp_s"), pub(in, "purse_pub"),
                    in.path("reserve_payto").asText());
            case "wallet-account-merge", "wallet-reserve-purse-create-account" -> new AccountMerge(
                    ts(in, "purse_expiration_s"), amount(in, "purse_amount"), amount(in, "purse_fee"),
                    hash(in, "h_contract_terms"), pub(in, "purse_pub"), ts(in, "merge_timestamp_s"),
                    in.path("min_age").asInt(0), in.path("flags").asInt());
            case "wallet-purse-econtract-merge", "wallet-purse-econtract-deposit" ->
                    // the encrypted contract and contract key are the wallet's (random) outputs
                    PurseEcontract.of(hex(out.path("econtract_hex")),
                            new EcdhePublicKey(hex(out.path("contract_pub_hex"))));
            case "wallet-sync-backup-upload", "wallet-sync-backup-upload-with-old" -> new SyncBackupUpload(
                    in.path("old_hash_hex").isNull() ? HashCode.ZERO : new HashCode(hex(in.path("old_hash_hex"))),
                    new HashCode(hex(in.path("new_hash_hex"))));
            case "wallet-account-setup" -> new AccountSetup(amount(in, "balance_threshold"));
            case "wallet-reserve-history" -> new ReserveHistoryRequest(ts(in, "request_timestamp_s"),
                    amount(in, "history_fee"));
            case "wallet-reserve-status" -> new ReserveStatusRequest(ts(in, "request_timestamp_s"));
            case "wallet-purse-status" -> new PurseStatusRequest();
            case "wallet-reserve-close", "wallet-reserve-close-no-target" -> ReserveCloseRequest.of(
                    ts(in, "request_timestamp_s"), in.path("target_payto").isNull() ? null
                            : in.path("target_payto").asText());
            case "wallet-reserve-open" -> new ReserveOpenRequest(amount(in, "reserve_payment"),
                    ts(in, "request_timestamp_s"), ts(in, "reserve_expiration_s"), in.path("purse_limit").asInt());
            case "wallet-reserve-open-deposit" -> new ReserveOpenDeposit(
                    new EddsaSignature(hex(in.path("reserve_sig_hex"))), amount(in, "coin_contribution"));
            case "wallet-reserve-attest-details" -> new ReserveAttestRequest(ts(in, "request_timestamp_s"),
                    jsonHash(in, "details_json_text"));
            // ---- merchant
            case "merchant-payment-ok" -> new PaymentOk(hash(in, "h_contract_terms"));
            case "merchant-contract" -> new MerchantContract(hash(in, "h_contract_terms"));
            case "merchant-refund" -> new RefundRequest(hash(in, "h_contract_terms"), pub(in, "coin_pub"),
                    in.path("rtransaction_id").asLong(), amount(in, "refund_amount"));
            case "merchant-wire-details" -> new MerchantWireDetails(hash(in, "h_wire"));
            // ---- master
            case "master-wire-fees-x-taler-bank", "master-wire-fees-iban" -> {
                WireFees f = WireFees.forMethod(in.path("wire_method").asText(), ts(in, "start_date_s"),
                        ts(in, "end_date_s"), amount(in, "wire_fee"), amount(in, "closing_fee"));
                assertTrue(f.walletCompatible());
                yield f;
            }
            case "master-global-fees" -> {
                JsonNode g = in.path("global_fees");
                GlobalFees f = new GlobalFees(Timestamp.ofSeconds(g.path("start_date").path("t_s").asLong()),
                        Timestamp.ofSeconds(g.path("end_date").path("t_s").asLong()),
                        RelativeTime.ofMicros(g.path("purse_timeout").path("d_us").asLong()),
                        RelativeTime.ofMicros(g.path("history_expiration").path("d_us").asLong()),
                        amount(g, "history_fee"), amount(g, "account_fee"), amount(g, "purse_fee"),
                        g.path("purse_account_limit").asInt());
                assertTrue(f.walletCompatible());
                yield f;
            }
            case "master-denomination-key-validity" -> {
                HashCode hDenom = hash(in, "h_denom_pub");
                assertEquals(hDenom, hDenomPub(in.path("denom_pub")), "h_denom_pub from denom_pub");
                JsonNode fees = in.path("fees");
                DenominationKeyValidity d = new DenominationKeyValidity(signerPubOf(in),
                        ts(in, "stamp_start_s"), ts(in, "stamp_expire_withdraw_s"), ts(in, "stamp_expire_deposit_s"),
                        ts(in, "stamp_expire_legal_s"), amount(in, "value"), amount(fees, "feeWithdraw"),
                        amount(fees, "feeDeposit"), amount(fees, "feeRefresh"), amount(fees, "feeRefund"), hDenom);
                assertTrue(d.walletCompatible());
                yield d;
            }
            case "master-wire-details-x-taler-bank", "master-wire-details-iban" ->
                    WireDetails.forPayto(in.path("payto_uri").asText());
            case "master-add-auditor" -> AddAuditor.of(ts(in, "start_date_s"), pub(in, "auditor_pub"),
                    in.path("auditor_url").asText());
            case "master-del-auditor" -> new DelAuditor(ts(in, "end_date_s"), pub(in, "auditor_pub"));
            case "master-denomination-key-revoked" -> new DenominationKeyRevoked(hash(in, "h_denom_pub"));
            case "master-signing-key-revoked" -> new SigningKeyRevoked(pub(in, "exchange_pub"));
            case "master-signing-key-validity" -> new SigningKeyValidity(ts(in, "stamp_start_s"),
                    ts(in, "stamp_expire_s"), ts(in, "stamp_end_s"), pub(in, "exchange_pub"));
            case "master-add-wire" -> AddWire.forPayto(ts(in, "date_s"), in.path("payto_uri").asText());
            case "master-del-wire" -> DelWire.forPayto(ts(in, "date_s"), in.path("payto_uri").asText());
            case "master-extension" -> new ExtensionManifests(new HashCode(Kdf.kdf(HashCode.SIZE,
                    Hashes.cString("taler-extensions-manifests"), Hashes.cString(in.path("canonical_json").asText()))));
            case "master-partner-details" -> PartnerDetails.of(pub(in, "partner_pub"), ts(in, "start_date_s"),
                    ts(in, "end_date_s"), RelativeTime.ofMicros(in.path("wad_frequency_us").asLong()),
                    amount(in, "wad_fee"), in.path("partner_base_url").asText());
            case "master-drain-profit" -> DrainProfit.of(new WireTransferId(hex(in.path("wtid_hex"))),
                    ts(in, "date_s"), amount(in, "amount"), in.path("account_section").asText(),
                    in.path("payto_uri").asText());
            // ---- exchange
            case "exchange-confirm-deposit" -> new DepositConfirmation(hash(in, "h_contract_terms"),
                    hash(in, "h_wire"), HashCode.ZERO, ts(in, "exchange_timestamp_s"), ts(in, "wire_deadline_s"),
                    ts(in, "refund_deadline_s"), amount(in, "amount_without_fee"), pub(in, "coin_pub"),
                    pub(in, "merchant_pub"));
            case "exchange-confirm-melt-0", "exchange-confirm-melt-2" -> new MeltConfirmation(hash(in, "rc"),
                    in.path("noreveal_index").asInt());
            case "exchange-key-set" -> {
                Hashes.HashContext hc = Hashes.sha512Context();
                for (JsonNode h : in.path("h_denom_pubs_hex")) {
                    hc.update(hex(h));
                }
                HashCode given = new HashCode(hex(in.path("hc_hex")));
                assertEquals(given, hc.finish(), "legacy key-set hash over the denoms array");
                yield new KeySet(ts(in, "list_issue_date_s"), given);
            }
            case "exchange-confirm-wire" -> new WireConfirmation(hash(in, "h_wire"), hash(in, "h_contract_terms"),
                    new WireTransferId(hex(in.path("wtid_hex"))), pub(in, "coin_pub"), ts(in, "execution_time_s"),
                    amount(in, "coin_contribution"));
            case "exchange-confirm-wire-deposit" -> new WireDepositConfirmation(amount(in, "total"),
                    amount(in, "wire_fee"), pub(in, "merchant_pub"), Hashes.hPayto(in.path("merchant_payto").asText()),
                    wireDetailsHash(in));
            case "exchange-reserve-closed" -> ReserveClosed.of(ts(in, "timestamp_s"), amount(in, "closing_amount"),
                    amount(in, "closing_fee"), pub(in, "reserve_pub"), in.path("payto").asText(),
                    new WireTransferId(hex(in.path("wtid_hex"))));
            case "exchange-confirm-refund" -> new RefundConfirmation(hash(in, "h_contract_terms"),
                    pub(in, "coin_pub"), pub(in, "merchant_pub"), in.path("rtransaction_id").asLong(),
                    amount(in, "refund_amount"));
            case "exchange-confirm-recoup" -> new RecoupConfirmation(ts(in, "timestamp_s"),
                    amount(in, "recoup_amount"), pub(in, "coin_pub"), pub(in, "reserve_pub"));
            case "exchange-confirm-recoup-refresh" -> new RecoupRefreshConfirmation(ts(in, "timestamp_s"),
                    amount(in, "recoup_amount"), pub(in, "coin_pub"), pub(in, "old_coin_pub"));
            case "exchange-affirm-denom-unknown" -> new DenominationUnknown(ts(in, "timestamp_s"),
                    hash(in, "h_denom_pub"));
            case "exchange-affirm-denom-expired-deposit", "exchange-affirm-denom-expired-withdraw",
                    "exchange-affirm-denom-expired-melt", "exchange-affirm-denom-expired-purse-create",
                    "exchange-affirm-denom-expired-csr-withdraw" -> new DenominationExpired(ts(in, "timestamp_s"),
                    in.path("operation").asText(), hash(in, "h_denom_pub"));
            case "exchange-account-setup-success" -> new AccountSetupSuccess(
                    Hashes.hPayto(in.path("payto").asText()), jsonHash(in, "kyc_json_text"), ts(in, "timestamp_s"));
            case "exchange-confirm-purse-creation" -> new PurseCreationConfirmation(ts(in, "exchange_time_s"),
                    ts(in, "purse_expiration_s"), amount(in, "amount_without_fee"), amount(in, "total_deposited"),
                    pub(in, "purse_pub"), hash(in, "h_contract_terms"));
            case "exchange-confirm-purse-refund" -> new PurseRefundConfirmation(pub(in, "purse_pub"),
                    pub(in, "coin_pub"), amount(in, "refunded_amount"), amount(in, "refund_fee"));
            case "exchange-confirm-purse-merged" -> PurseMergedConfirmation.of(ts(in, "exchange_time_s"),
                    ts(in, "purse_expiration_s"), amount(in, "amount_without_fee"), pub(in, "purse_pub"),
                    pub(in, "reserve_pub"), hash(in, "h_contract_terms"), in.path("exchange_url").asText());
            case "exchange-purse-status" -> {
                assertEquals("never", in.path("merge_timestamp").asText());
                yield new PurseStatus(Timestamp.NEVER, ts(in, "deposit_timestamp_s"), amount(in, "balance"));
            }
            case "exchange-reserve-attest-details" -> new ReserveAttestation(ts(in, "attest_timestamp_s"),
                    ts(in, "expiration_time_s"), pub(in, "reserve_pub"), jsonHash(in, "attributes_json_text"));
            // ---- secmod
            case "sm-signing-key" -> new SigningKeyAnnouncement(pub(in, "exchange_pub"), ts(in, "anchor_time_s"),
                    RelativeTime.ofMicros(in.path("duration_us").asLong()));
            case "sm-rsa-denomination-key" -> RsaKeyAnnouncement.of(
                    Crockford.decodeVariable(in.path("rsa_public_key_b32").asText()), in.path("section_name").asText(),
                    ts(in, "anchor_time_s"), RelativeTime.ofMicros(in.path("duration_withdraw_us").asLong()));
            case "sm-cs-denomination-key" -> CsKeyAnnouncement.of(hex(in.path("cs_public_key_hex")),
                    in.path("section_name").asText(), ts(in, "anchor_time_s"),
                    RelativeTime.ofMicros(in.path("duration_withdraw_us").asLong()));
            // ---- auditor
            case "auditor-exchange-keys" -> {
                // The case's input omits the four validity timestamps; the layout shows them (they are
                // the ones of master-denomination-key-validity), so they are taken from there.
                JsonNode fees = in.path("fees");
                DenominationKeyValidity d = new DenominationKeyValidity(pub(in, "master_pub"),
                        layoutTimestamp(out, "start"), layoutTimestamp(out, "expire_withdraw"),
                        layoutTimestamp(out, "expire_deposit"), layoutTimestamp(out, "expire_legal"),
                        amount(in, "value"), Amount.parse(fees.get(0).asText()), Amount.parse(fees.get(1).asText()),
                        Amount.parse(fees.get(2).asText()), Amount.parse(fees.get(3).asText()),
                        hash(in, "h_denom_pub"));
                yield AuditorDenominationValidity.of(in.path("auditor_url").asText(), d);
            }
            default -> fail("unhandled case " + id);
        };
    }

    // ------------------------------------------------------------------ input helpers

    private static EddsaPublicKey signerPub(JsonNode c) {
        return signerPubOf(c.path("input"));
    }

    private static EddsaPublicKey signerPubOf(JsonNode in) {
        return new EddsaPublicKey(hex(in.path("signer_pub_hex")));
    }

    /** {@code <name>_hex}, cross-checked against {@code <name>_b32} when the case has it. */
    private static HashCode hash(JsonNode in, String name) {
        HashCode h = new HashCode(hex(in.path(name + "_hex")));
        if (in.has(name + "_b32")) {
            assertEquals(h, HashCode.fromBase32(in.path(name + "_b32").asText()), name + " hex vs b32");
        }
        return h;
    }

    private static EddsaPublicKey pub(JsonNode in, String name) {
        EddsaPublicKey k = new EddsaPublicKey(hex(in.path(name + "_hex")));
        if (in.has(name + "_b32")) {
            assertEquals(k, EddsaPublicKey.fromBase32(in.path(name + "_b32").asText()), name + " hex vs b32");
        }
        return k;
    }

    private static Timestamp ts(JsonNode in, String name) {
        assertTrue(in.path(name).canConvertToLong(), "missing " + name);
        return Timestamp.ofSeconds(in.path(name).asLong());
    }

    private static Amount amount(JsonNode in, String name) {
        assertTrue(in.path(name).isTextual(), "missing " + name);
        return Amount.parse(in.path(name).asText());
    }

    private static Timestamp layoutTimestamp(JsonNode out, String field) {
        for (JsonNode f : out.path("layout")) {
            if (f.path("field").asText().equals(field)) {
                return Timestamp.fromNbo(hex(f.path("hex")));
            }
        }
        throw new AssertionError("no layout field " + field);
    }

    /** {@code TALER_json_hash}: SHA-512 of the compact sorted JSON text, without NUL. */
    private static HashCode jsonHash(JsonNode in, String textField) {
        return Hashes.sha512(in.path(textField).asText().getBytes(StandardCharsets.UTF_8));
    }

    /** crypto.md 2.5.4: {@code SHA512(u32be age_mask || u32be cipher || key)} (RSA only here). */
    private static HashCode hDenomPub(JsonNode denomPub) {
        assertEquals("RSA", denomPub.path("cipher").asText());
        byte[] key = Crockford.decodeVariable(denomPub.path("rsa_public_key").asText());
        return Hashes.sha512(u32(denomPub.path("age_mask").asInt(0)), u32(1), key);
    }

    /** crypto.md 2.5.6: {@code SHA512(h_denom_pub || u32be cipher || envelope)}. */
    private static HashCode envelopeHash(HashCode hDenomPub, JsonNode coinEv) {
        assertEquals("RSA", coinEv.path("cipher").asText());
        byte[] ev = Crockford.decodeVariable(coinEv.path("rsa_blinded_planchet").asText());
        return Hashes.sha512(hDenomPub.bytes(), u32(1), ev);
    }

    /** crypto.md 2.5.7; zero for a coin without age commitment. */
    private static ShortHash ageCommitmentHash(JsonNode proof) {
        if (proof.isNull() || proof.isMissingNode()) {
            return ShortHash.ZERO;
        }
        ByteArrayOutputStream keys = new ByteArrayOutputStream();
        for (JsonNode k : proof.path("commitment").path("publicKeys")) {
            keys.writeBytes(Edx25519PublicKey.fromBase32(k.asText()).bytes());
        }
        return Hashes.sha512Truncated(keys.toByteArray());
    }

    /** crypto.md 2.5.10, recomputed from the listed deposits and compared with the given hash. */
    private static HashCode wireDetailsHash(JsonNode in) {
        Hashes.HashContext ctx = Hashes.sha512Context();
        for (JsonNode d : in.path("details")) {
            byte[] record = PurposeBlock.builder(0)
                    .bytes(hex(d.path("h_contract_terms_hex")))
                    .timestamp(ts(d, "execution_time_s"))
                    .bytes(hex(d.path("coin_pub_hex")))
                    .amount(amount(d, "deposit_value"))
                    .amount(amount(d, "deposit_fee"))
                    .build().payload();
            assertArrayEquals(hex(d.path("detail_bytes_hex")), record, "detail record");
            ctx.update(record);
        }
        HashCode given = new HashCode(hex(in.path("h_details_hex")));
        assertEquals(given, ctx.finish(), "h_details");
        return given;
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }
}
