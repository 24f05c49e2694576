package net.taler.offline;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.cli.Programs;
import net.taler.common.config.ConfigLoader;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.json.TalerJson;
import net.taler.common.sig.secmod.CsKeyAnnouncement;
import net.taler.common.sig.secmod.RsaKeyAnnouncement;
import net.taler.common.sig.secmod.SigningKeyAnnouncement;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import picocli.CommandLine;

/** Runs the program in this JVM and builds {@code exchange-input-keys-0} inputs. */
final class OfflineTestSupport {
    static final ObjectMapper MAPPER = TalerJson.mapper();

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return MAPPER.readTree(out);
        }
    }

    private OfflineTestSupport() {
    }

    static Path writeConfig(Path dir, String extra) throws Exception {
        Path conf = dir.resolve("test.conf");
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(conf, "[PATHS]\n"
                + "TALER_DATA_HOME = " + dir.resolve("data") + "/\n"
                + "[taler]\nCURRENCY = KUDOS\n"
                + "[exchange-offline]\n"
                + "MASTER_PRIV_FILE = ${TALER_DATA_HOME}/offline/master.priv\n"
                + "SECM_TOFU_FILE = ${TALER_DATA_HOME}/offline/secm_tofu_pub\n"
                + extra);
        return conf;
    }

    static Result run(Path dir, String stdin, String... args) {
        OfflineMain m = new OfflineMain().withStdin(
                new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)));
        m.useLoader(new ConfigLoader(Map.of("TALER_BASE_CONFIG", dir.resolve("base").toString(),
                "HOME", dir.toString()), dir));
        CommandLine cl = Programs.commandLine(m);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "-c";
        full[1] = dir.resolve("test.conf").toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cl.execute(full);
        cl.getOut().flush();
        cl.getErr().flush();
        return new Result(code, out.toString(), err.toString());
    }

    static EddsaPrivateKey masterKey(Path dir) throws Exception {
        return new EddsaPrivateKey(Files.readAllBytes(dir.resolve("data/offline/master.priv")));
    }

    /** A fake exchange: secmod keys and the future keys they announced. */
    static final class FakeExchange {
        final EddsaPrivateKey rsaSm = EddsaPrivateKey.generate();
        final EddsaPrivateKey csSm = EddsaPrivateKey.generate();
        final EddsaPrivateKey eddsaSm = EddsaPrivateKey.generate();
        final RsaPublicKey rsa;
        final CsPrivateKey cs = CsPrivateKey.generate();
        final EddsaPublicKey signkey = EddsaPrivateKey.generate().publicKey();
        final Timestamp start = Timestamp.ofSeconds(1_700_000_000L);
        final RelativeTime withdraw = RelativeTime.ofSeconds(7 * 86400);
        final RelativeTime spend = RelativeTime.ofSeconds(365 * 86400);
        final RelativeTime legal = RelativeTime.ofSeconds(6 * 365 * 86400L);

        FakeExchange() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            RSAPublicKey pk = (RSAPublicKey) g.generateKeyPair().getPublic();
            rsa = RsaPublicKey.of(pk.getModulus(), pk.getPublicExponent());
        }

        ObjectNode keysReply(EddsaPublicKey masterPub) {
            ObjectNode r = MAPPER.createObjectNode();
            ArrayNode denoms = r.putArray("future_denoms");
            denoms.add(denom("coin_kudos_1", "RSA", rsa.toBase32(),
                    RsaKeyAnnouncement.of(rsa.encode(), "coin_kudos_1", start, withdraw).sign(rsaSm).toBase32()));
            denoms.add(denom("coin_kudos_cs_1", "CS", cs.publicKey().toBase32(),
                    CsKeyAnnouncement.of(cs.publicKey().bytes(), "coin_kudos_cs_1", start, withdraw).sign(csSm)
                            .toBase32()));
            ArrayNode sks = r.putArray("future_signkeys");
            ObjectNode sk = sks.addObject();
            sk.put("key", signkey.toBase32());
            sk.set("stamp_start", MAPPER.valueToTree(start));
            sk.set("stamp_expire", MAPPER.valueToTree(start.plus(withdraw)));
            sk.set("stamp_end", MAPPER.valueToTree(start.plus(withdraw).plus(legal)));
            sk.put("signkey_secmod_sig", new SigningKeyAnnouncement(signkey, start, withdraw).sign(eddsaSm)
                    .toBase32());
            r.put("master_pub", masterPub.toBase32());
            r.put("denom_secmod_public_key", rsaSm.publicKey().toBase32());
            r.put("denom_secmod_cs_public_key", csSm.publicKey().toBase32());
            r.put("signkey_secmod_public_key", eddsaSm.publicKey().toBase32());
            return r;
        }

        private ObjectNode denom(String section, String cipher, String key, String sig) {
            ObjectNode d = MAPPER.createObjectNode();
            d.put("section_name", section);
            ObjectNode dp = d.putObject("denom_pub");
            dp.put("cipher", cipher);
            dp.put("age_mask", 0);
            dp.put(cipher.equals("RSA") ? "rsa_public_key" : "cs_public_key", key);
            d.set("value", MAPPER.valueToTree(Amount.parse("KUDOS:1")));
            d.set("fee_withdraw", MAPPER.valueToTree(Amount.parse("KUDOS:0.01")));
            d.set("fee_deposit", MAPPER.valueToTree(Amount.parse("KUDOS:0.02")));
            d.set("fee_refresh", MAPPER.valueToTree(Amount.parse("KUDOS:0.03")));
            d.set("fee_refund", MAPPER.valueToTree(Amount.parse("KUDOS:0.04")));
            Timestamp ew = start.plus(withdraw);
            Timestamp ed = ew.plus(spend);
            d.set("stamp_start", MAPPER.valueToTree(start));
            d.set("stamp_expire_withdraw", MAPPER.valueToTree(ew));
            d.set("stamp_expire_deposit", MAPPER.valueToTree(ed));
            d.set("stamp_expire_legal", MAPPER.valueToTree(ed.plus(legal)));
            d.put("denom_secmod_sig", sig);
            return d;
        }

        String input(EddsaPublicKey masterPub) throws Exception {
            ObjectNode in = MAPPER.createObjectNode();
            in.put("operation", "exchange-input-keys-0");
            in.set("arguments", keysReply(masterPub));
            return MAPPER.writeValueAsString(in);
        }
    }
}
