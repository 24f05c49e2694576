package net.taler.offline;

import static net.taler.offline.OfflineTestSupport.MAPPER;
import static net.taler.offline.OfflineTestSupport.masterKey;
import static net.taler.offline.OfflineTestSupport.run;
import static net.taler.offline.OfflineTestSupport.writeConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.crypto.Hashes;
import net.taler.common.sig.master.AddAuditor;
import net.taler.common.sig.master.AddWire;
import net.taler.common.sig.master.DelAuditor;
import net.taler.common.sig.master.DelWire;
import net.taler.common.sig.master.DenominationKeyRevoked;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.DrainProfit;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.SigningKeyRevoked;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.sig.master.WireFees;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chaining, master key handling, exit codes and the signatures of the offline subcommands. */
class OfflineMainTest {
    private static final String PAYTO = "payto://x-taler-bank/localhost/exchange";

    @TempDir
    Path dir;

    private EddsaPrivateKey setup() throws Exception {
        writeConfig(dir, "");
        OfflineTestSupport.Result r = run(dir, null, "setup");
        assertEquals(0, r.code(), r.err());
        return masterKey(dir);
    }

    private static EddsaSignature sig(JsonNode a, String field) {
        return EddsaSignature.fromBase32(a.get(field).asText());
    }

    private static Timestamp ts(JsonNode n) throws Exception {
        return MAPPER.treeToValue(n, Timestamp.class);
    }

    @Test
    void setupCreatesReadOnlyKeyAndPrintsPublicKey() throws Exception {
        writeConfig(dir, "");
        OfflineTestSupport.Result r = run(dir, null, "setup");
        assertEquals(0, r.code(), r.err());
        Path f = dir.resolve("data/offline/master.priv");
        assertEquals(32, Files.size(f));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        EddsaPublicKey pub = masterKey(dir).publicKey();
        assertEquals(pub.toBase32() + System.lineSeparator(), r.out());
        // idempotent: the same key again
        assertEquals(r.out(), run(dir, null, "SETUP").out());
        // with more commands: JSON operation instead of the plain key
        OfflineTestSupport.Result j = run(dir, null, "setup", "-");
        assertEquals(0, j.code(), j.err());
        JsonNode arr = j.json();
        assertEquals("exchange-setup-0", arr.get(0).get("operation").asText());
        assertEquals(pub.toBase32(), arr.get(0).get("arguments").get("exchange_offline_pub").asText());
        assertTrue(j.out().startsWith("[\n  {\n    \"operation\": \"exchange-setup-0\""), j.out());
    }

    @Test
    void setupOnUnwritablePathExits4() throws Exception {
        writeConfig(dir, "");
        Files.writeString(dir.resolve("test.conf"), Files.readString(dir.resolve("test.conf"))
                .replace("${TALER_DATA_HOME}/offline/master.priv", "/proc/no-such-dir/master.priv"));
        OfflineTestSupport.Result r = run(dir, null, "setup");
        assertEquals(4, r.code(), r.err());
    }

    @Test
    void missingCurrencyExits6() throws Exception {
        writeConfig(dir, "");
        Files.writeString(dir.resolve("test.conf"),
                Files.readString(dir.resolve("test.conf")).replace("CURRENCY = KUDOS", ""));
        assertEquals(6, run(dir, null, "setup").code());
    }

    @Test
    void unknownSubcommandListsAndExits2HelpExits0() throws Exception {
        writeConfig(dir, "");
        OfflineTestSupport.Result r = run(dir, null, "frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("- revoke-denomination:"), r.err());
        OfflineTestSupport.Result h = run(dir, null, "help");
        assertEquals(0, h.code());
        assertTrue(h.err().contains("- global-fee:"), h.err());
        assertEquals("", h.out());
    }

    @Test
    void signingWithoutKeyFileFails() throws Exception {
        writeConfig(dir, "");
        OfflineTestSupport.Result r = run(dir, null, "revoke-signkey", EddsaPrivateKey.generate().publicKey().toBase32());
        assertEquals(1, r.code());
        assertFalse(Files.exists(dir.resolve("data/offline/master.priv")));
        assertEquals("", r.out());
    }

    @Test
    void badArgumentsExit2() throws Exception {
        setup();
        assertEquals(2, run(dir, null, "revoke-denomination", "nonsense").code());
        assertEquals(2, run(dir, null, "enable-auditor", EddsaPrivateKey.generate().publicKey().toBase32(),
                "ftp://x/", "name").code());
        assertEquals(2, run(dir, null, "wire-fee", "soon", "x-taler-bank", "KUDOS:1", "KUDOS:1").code());
        assertEquals(2, run(dir, null, "enable-account", "not-a-payto").code());
        assertEquals(2, run(dir, null, "global-fee", "now", "KUDOS:1").code());
    }

    @Test
    void chainOfSigningCommandsProducesVerifiableOperations() throws Exception {
        EddsaPrivateKey master = setup();
        EddsaPublicKey mpub = master.publicKey();
        HashCode hDenom = Hashes.sha512("denom".getBytes());
        EddsaPublicKey signkey = EddsaPrivateKey.generate().publicKey();
        EddsaPublicKey auditor = EddsaPrivateKey.generate().publicKey();
        OfflineTestSupport.Result r = run(dir, null, "-T", "+1500000",
                "revoke-denomination", hDenom.toBase32(),
                "REVOKE-SIGNKEY", signkey.toBase32(),
                "enable-auditor", auditor.toBase32(), "http://localhost:8083/", "TESTKUDOS Auditor",
                "disable-auditor", auditor.toBase32(),
                "enable-account", PAYTO,
                "Disable-Account", PAYTO,
                "wire-fee", "2023", "x-taler-bank", "KUDOS:0.01", "KUDOS:0.02",
                "global-fee", "now", "KUDOS:0.01", "KUDOS:0.02", "KUDOS:0.00", "1h", "1year", "5",
                "drain", "KUDOS:0.1", "exchange-account-1", PAYTO);
        assertEquals(0, r.code(), r.err());
        JsonNode ops = r.json();
        assertEquals(9, ops.size());
        String[] names = {"exchange-revoke-denomination-0", "exchange-revoke-signkey-0",
            "exchange-enable-auditor-0", "exchange-disable-auditor-0", "exchange-enable-wire-0",
            "exchange-disable-wire-0", "exchange-set-wire-fee-0", "exchange-set-global-fee-0",
            "exchange-drain-profits-0"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], ops.get(i).get("operation").asText());
        }
        JsonNode a = ops.get(0).get("arguments");
        assertEquals(hDenom.toBase32(), a.get("h_denom_pub").asText());
        assertTrue(new DenominationKeyRevoked(hDenom).verify(mpub, sig(a, "master_sig")));

        a = ops.get(1).get("arguments");
        assertTrue(new SigningKeyRevoked(signkey).verify(mpub, sig(a, "master_sig")));

        a = ops.get(2).get("arguments");
        Timestamp start = ts(a.get("validity_start"));
        assertEquals(0, start.micros() % 1_000_000, "rounded to seconds");
        assertEquals("TESTKUDOS Auditor", a.get("auditor_name").asText());
        assertTrue(AddAuditor.of(start, auditor, "http://localhost:8083/").verify(mpub, sig(a, "master_sig")));

        a = ops.get(3).get("arguments");
        assertTrue(new DelAuditor(ts(a.get("validity_end")), auditor).verify(mpub, sig(a, "master_sig")));

        a = ops.get(4).get("arguments");
        assertEquals(PAYTO, a.get("payto_uri").asText());
        assertTrue(AddWire.forPayto(ts(a.get("validity_start")), PAYTO).verify(mpub, sig(a, "master_sig_add")));
        assertTrue(WireDetails.forPayto(PAYTO).verify(mpub, sig(a, "master_sig_wire")));

        a = ops.get(5).get("arguments");
        assertTrue(DelWire.forPayto(ts(a.get("validity_end")), PAYTO).verify(mpub, sig(a, "master_sig")));

        a = ops.get(6).get("arguments");
        Timestamp y2023 = Timestamp.ofSeconds(LocalDate.of(2023, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        Timestamp y2024 = Timestamp.ofSeconds(LocalDate.of(2024, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        assertEquals(y2023, ts(a.get("start_time")));
        assertEquals(y2024, ts(a.get("end_time")));
        assertEquals("KUDOS:0.01", a.get("wire_fee").asText());
        assertTrue(WireFees.forMethod("x-taler-bank", y2023, y2024, Amount.parse("KUDOS:0.01"),
                Amount.parse("KUDOS:0.02")).verify(mpub, sig(a, "master_sig")));

        a = ops.get(7).get("arguments");
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        Timestamp gs = ts(a.get("start_time"));
        assertEquals(Timestamp.ofSeconds(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()), gs);
        assertEquals(5, a.get("purse_account_limit").asInt());
        assertEquals(3_600_000_000L, a.get("purse_timeout").get("d_us").asLong());
        GlobalFees gf = new GlobalFees(gs, ts(a.get("end_time")), RelativeTime.ofSeconds(3600),
                MAPPER.treeToValue(a.get("history_expiration"), RelativeTime.class), Amount.parse("KUDOS:0.01"),
                Amount.parse("KUDOS:0.02"), Amount.parse("KUDOS:0"), 5);
        assertTrue(gf.verify(mpub, sig(a, "master_sig")));

        a = ops.get(8).get("arguments");
        assertEquals("exchange-account-1", a.get("account_section").asText());
        assertTrue(DrainProfit.of(WireTransferId.fromBase32(a.get("wtid").asText()), ts(a.get("date")),
                Amount.parse("KUDOS:0.1"), "exchange-account-1", PAYTO).verify(mpub, sig(a, "master_sig")));
    }

    @Test
    void timetravelShiftsNowAndForeverIsRefused() throws Exception {
        setup();
        long yearMicros = 366L * 86400 * 1_000_000;
        OfflineTestSupport.Result r = run(dir, null, "-T", "+" + yearMicros, "disable-account", PAYTO);
        assertEquals(0, r.code(), r.err());
        long end = ts(r.json().get(0).get("arguments").get("validity_end")).seconds();
        long expected = java.time.Instant.now().getEpochSecond() + yearMicros / 1_000_000;
        assertTrue(Math.abs(end - expected) < 120, end + " vs " + expected);
        assertEquals(2, run(dir, null, "global-fee", "now", "KUDOS:0.01", "KUDOS:0.01", "KUDOS:0", "forever",
                "1year", "5").code());
    }

    @Test
    void outputIsPrintedEvenWhenALaterCommandFails() throws Exception {
        setup();
        OfflineTestSupport.Result r = run(dir, null, "enable-account", PAYTO, "revoke-signkey", "bad");
        assertEquals(2, r.code());
        assertEquals("exchange-enable-wire-0", r.json().get(0).get("operation").asText());
    }

    @Test
    void signFromStdinProducesVerifiableSignatures() throws Exception {
        EddsaPrivateKey master = setup();
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        OfflineTestSupport.Result r = run(dir, ex.input(master.publicKey()), "sign");
        assertEquals(0, r.code(), r.err());
        JsonNode op = r.json().get(0);
        assertEquals("exchange-upload-sigs-0", op.get("operation").asText());
        JsonNode a = op.get("arguments");
        assertEquals(2, a.get("denom_sigs").size());
        assertEquals(1, a.get("signkey_sigs").size());
        JsonNode sk = a.get("signkey_sigs").get(0);
        assertEquals(ex.signkey.toBase32(), sk.get("exchange_pub").asText());
        Timestamp exp = ex.start.plus(ex.withdraw);
        assertTrue(new SigningKeyValidity(ex.start, exp, exp.plus(ex.legal), ex.signkey)
                .verify(master.publicKey(), sig(sk, "master_sig")));
        HashCode hRsa = ex.rsa.denominationHash(0);
        HashCode hCs = ex.cs.publicKey().denomPubHash(0);
        JsonNode d0 = a.get("denom_sigs").get(0);
        JsonNode d1 = a.get("denom_sigs").get(1);
        assertEquals(hRsa.toBase32(), d0.get("h_denom_pub").asText());
        assertEquals(hCs.toBase32(), d1.get("h_denom_pub").asText());
        Timestamp ed = exp.plus(ex.spend);
        assertTrue(new DenominationKeyValidity(master.publicKey(), ex.start, exp, ed, ed.plus(ex.legal),
                Amount.parse("KUDOS:1"), Amount.parse("KUDOS:0.01"), Amount.parse("KUDOS:0.02"),
                Amount.parse("KUDOS:0.03"), Amount.parse("KUDOS:0.04"), hRsa)
                .verify(master.publicKey(), sig(d0, "master_sig")));
        assertTrue(new DenominationKeyValidity(master.publicKey(), ex.start, exp, ed, ed.plus(ex.legal),
                Amount.parse("KUDOS:1"), Amount.parse("KUDOS:0.01"), Amount.parse("KUDOS:0.02"),
                Amount.parse("KUDOS:0.03"), Amount.parse("KUDOS:0.04"), hCs)
                .verify(master.publicKey(), sig(d1, "master_sig")));
        // TOFU file written: rsa || cs || eddsa
        byte[] tofu = Files.readAllBytes(dir.resolve("data/offline/secm_tofu_pub"));
        assertEquals(96, tofu.length);
        byte[] expected = new byte[96];
        System.arraycopy(ex.rsaSm.publicKey().bytes(), 0, expected, 0, 32);
        System.arraycopy(ex.csSm.publicKey().bytes(), 0, expected, 32, 32);
        System.arraycopy(ex.eddsaSm.publicKey().bytes(), 0, expected, 64, 32);
        assertArrayEquals(expected, tofu);
        // same secmods again: fine
        assertEquals(0, run(dir, ex.input(master.publicKey()), "sign").code());
        // different secmod keys: TOFU violation
        OfflineTestSupport.FakeExchange other = new OfflineTestSupport.FakeExchange();
        OfflineTestSupport.Result bad = run(dir, other.input(master.publicKey()), "sign");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("security module keys changed"), bad.err());
        assertEquals("", bad.out());
    }

    @Test
    void showListsKeys() throws Exception {
        EddsaPrivateKey master = setup();
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        OfflineTestSupport.Result r = run(dir, ex.input(master.publicKey()), "show");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("EXCHANGE-KEY " + ex.signkey.toBase32()), r.out());
        assertTrue(r.out().contains("DENOMINATION-KEY(coin_kudos_1) "), r.out());
        assertTrue(r.out().contains("DENOMINATION-KEY(coin_kudos_cs_1) "), r.out());
    }

    @Test
    void tamperedInputIsRejected() throws Exception {
        EddsaPrivateKey master = setup();
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        String good = ex.input(master.publicKey());
        String[] tampered = {
            good.replace("\"KUDOS:0.04\"", "\"KUDOS:0.05\"").replace("\"section_name\":\"coin_kudos_1\"",
                    "\"section_name\":\"coin_kudos_2\""),
            good.replace("\"exchange-input-keys-0\"", "\"exchange-input-keys-1\""),
            "{\"operation\":\"exchange-input-keys-0\",\"operation\":\"exchange-input-keys-0\"}",
            "not json",
        };
        for (String t : tampered) {
            for (String cmd : new String[] {"show", "sign"}) {
                OfflineTestSupport.Result r = run(dir, t, cmd);
                assertEquals(1, r.code(), cmd + " " + r.err());
                assertEquals("", r.out());
            }
        }
        // signkey duration changed: eddsa secmod signature no longer matches
        com.fasterxml.jackson.databind.node.ObjectNode in =
                (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(good);
        ((com.fasterxml.jackson.databind.node.ObjectNode) in.get("arguments").get("future_signkeys").get(0))
                .set("stamp_expire", MAPPER.valueToTree(ex.start.plus(RelativeTime.ofSeconds(60))));
        assertEquals(1, run(dir, in.toString(), "sign").code());
        // another master key
        OfflineTestSupport.Result r = run(dir, ex.input(EddsaPrivateKey.generate().publicKey()), "sign");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("different master key"), r.err());
    }

    @Test
    void pinnedSecmodKeyMismatchIsFatal() throws Exception {
        EddsaPrivateKey master = setup();
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        Files.writeString(dir.resolve("test.conf"), Files.readString(dir.resolve("test.conf"))
                + "[exchange-offline]\nSECM_ESIGN_PUBKEY = " + EddsaPrivateKey.generate().publicKey().toBase32() + "\n");
        OfflineTestSupport.Result r = run(dir, ex.input(master.publicKey()), "sign");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("SECM_ESIGN_PUBKEY"), r.err());
        assertFalse(Files.exists(dir.resolve("data/offline/secm_tofu_pub")));
        // matching pin: accepted
        Files.writeString(dir.resolve("test.conf"), Files.readString(dir.resolve("test.conf"))
                + "SECM_ESIGN_PUBKEY = " + ex.eddsaSm.publicKey().toBase32() + "\n");
        assertEquals(0, run(dir, ex.input(master.publicKey()), "sign").code());
    }

    @Test
    void ageRestrictedSectionsGetTheAgeMask() throws Exception {
        EddsaPrivateKey master = setup();
        Files.writeString(dir.resolve("test.conf"), Files.readString(dir.resolve("test.conf"))
                + "[exchange-extension-age_restriction]\nENABLED = YES\n"
                + "[coin_kudos_1]\nAGE_RESTRICTED = YES\n");
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        OfflineTestSupport.Result r = run(dir, ex.input(master.publicKey()), "sign");
        assertEquals(0, r.code(), r.err());
        JsonNode ds = r.json().get(0).get("arguments").get("denom_sigs");
        assertEquals(ex.rsa.denominationHash(AgeMask.DEFAULT.bits()).toBase32(), ds.get(0).get("h_denom_pub").asText());
        assertEquals(ex.cs.publicKey().denomPubHash(0).toBase32(), ds.get(1).get("h_denom_pub").asText());
    }

    @Test
    void extensionsShowAndSign() throws Exception {
        EddsaPrivateKey master = setup();
        assertEquals(2, run(dir, null, "extensions").code());
        assertEquals(2, run(dir, null, "extensions", "frob").code());
        // nothing enabled: empty object, nothing to sign
        OfflineTestSupport.Result none = run(dir, null, "extensions", "show");
        assertEquals(0, none.code(), none.err());
        assertEquals(0, none.json().get("extensions").size());
        assertEquals("", run(dir, null, "extensions", "sign").out());
        Files.writeString(dir.resolve("test.conf"), Files.readString(dir.resolve("test.conf"))
                + "[exchange-extension-age_restriction]\nENABLED = YES\n");
        OfflineTestSupport.Result show = run(dir, null, "extensions", "show");
        assertEquals("8:10:12:14:16:18:21", show.json().get("extensions").get("age_restriction").get("config")
                .get("age_groups").asText());
        OfflineTestSupport.Result r = run(dir, null, "extensions", "sign", "enable-account", PAYTO);
        assertEquals(0, r.code(), r.err());
        JsonNode op = r.json().get(0);
        assertEquals("exchange-extensions-0", op.get("operation").asText());
        JsonNode a = op.get("arguments");
        assertEquals("1", a.get("extensions").get("age_restriction").get("version").asText());
        assertTrue(new net.taler.common.sig.master.ExtensionManifests(
                net.taler.common.json.JsonHashes.extensionsManifestsHash(a.get("extensions")))
                .verify(master.publicKey(), sig(a, "extensions_sig")));
        assertEquals("exchange-enable-wire-0", r.json().get(1).get("operation").asText());
    }
}
