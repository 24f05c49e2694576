package net.taler.testsupport.wallet;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.sig.exchange.KeySet;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Real key material for the offline tests: a master key, an online signing key and
 * denomination keys, plus the signer side of blind signing (what the exchange's secmods do).
 */
final class Fixtures {
    static final String CUR = "KUDOS";
    static final EddsaPrivateKey MASTER = EddsaPrivateKey.generate();
    static final EddsaPrivateKey ONLINE = EddsaPrivateKey.generate();
    static final RsaPrivateKey RSA = RsaPrivateKey.generate(1024);
    static final RsaPrivateKey RSA2 = RsaPrivateKey.generate(1024);
    static final CsPrivateKey CS = CsPrivateKey.generate();
    static final Timestamp NOW = Timestamp.ofSeconds(1_700_000_000L);
    static final Timestamp START = Timestamp.ofSeconds(1_690_000_000L);
    static final Timestamp SIGN_END = Timestamp.ofSeconds(1_800_000_000L);

    private Fixtures() {
    }

    static Amount amount(String s) {
        return Amount.parse(CUR + ":" + s);
    }

    static DenominationKey.Rsa rsaKey(RsaPrivateKey k, AgeMask mask) {
        return new DenominationKey.Rsa(k.publicKey(), mask);
    }

    static DenominationKey.Cs csKey(AgeMask mask) {
        return new DenominationKey.Cs(CS.publicKey(), mask);
    }

    /** A master-signed denomination valid from START, withdrawable until {@code expireWithdraw}. */
    static Denomination denomination(DenominationKey key, String value, String fee, Timestamp start,
            Timestamp expireWithdraw) {
        Denomination unsigned = new Denomination(key, key.hash(), amount(value), amount(fee), amount("0.01"),
                amount("0.01"), amount("0.01"), start, expireWithdraw,
                expireWithdraw.plus(RelativeTime.ofSeconds(86400)), expireWithdraw.plus(RelativeTime.ofSeconds(2 * 86400)),
                net.taler.common.crypto.EddsaSignature.fromBase32(zeroSig()));
        var sig = unsigned.validity(MASTER.publicKey()).sign(MASTER);
        return new Denomination(key, key.hash(), unsigned.value(), unsigned.feeWithdraw(), unsigned.feeDeposit(),
                unsigned.feeRefresh(), unsigned.feeRefund(), start, expireWithdraw, unsigned.stampExpireDeposit(),
                unsigned.stampExpireLegal(), sig);
    }

    static Denomination denomination(DenominationKey key, String value, String fee) {
        return denomination(key, value, fee, START, SIGN_END);
    }

    private static String zeroSig() {
        return net.taler.common.encoding.Crockford.encode(new byte[64]);
    }

    /** What the exchange's secmod does with a planchet: the blind signature (CS: withdraw R labels). */
    static BlindSignature blindSign(DenominationKey key, BlindedPlanchet ev) {
        if (key instanceof DenominationKey.Rsa rsa) {
            RsaPrivateKey priv = rsa.key().equals(RSA.publicKey()) ? RSA : RSA2;
            return new BlindSignature.Rsa(RsaBlinding.sign(priv, ((BlindedPlanchet.Rsa) ev).blindedMessage()));
        }
        return new BlindSignature.Cs(Cs.sign(CS, ((BlindedPlanchet.Cs) ev).message(), false));
    }

    /** A /keys document as exchange-api.md 2.2 describes it, signed with MASTER and ONLINE. */
    static ObjectNode keysJson(List<Denomination> denoms) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode k = f.objectNode();
        k.put("version", "14:0:2");
        k.put("base_url", "http://localhost:8081/");
        k.put("currency", CUR);
        k.put("asset_type", "fiat");
        k.put("master_public_key", MASTER.publicKey().toBase32());
        k.set("reserve_closing_delay", f.objectNode().put("d_us", 4L * 7 * 86400 * 1_000_000));
        ArrayNode sk = k.putArray("signkeys");
        ObjectNode s = sk.addObject();
        s.set("stamp_start", ts(START));
        s.set("stamp_expire", ts(SIGN_END));
        s.set("stamp_end", ts(SIGN_END));
        s.put("key", ONLINE.publicKey().toBase32());
        s.put("master_sig", new SigningKeyValidity(START, SIGN_END, SIGN_END, ONLINE.publicKey()).sign(MASTER)
                .toBase32());
        k.putArray("recoup");
        ArrayNode flat = k.putArray("denoms");
        ArrayNode groups = k.putArray("denominations");
        Hashes.HashContext concat = Hashes.sha512Context();
        HashCode xor = HashCode.ZERO;
        for (Denomination d : denoms) {
            ObjectNode n = flat.addObject();
            n.put("master_sig", d.masterSig().toBase32());
            stampsAndFees(n, d);
            n.set("denom_pub", CipherJson.denomPub(d.key()));
            n.put("value", d.value().toString());
            concat.update(d.hash());
            xor = xor.xor(d.hash());
            // one group per denomination keeps the fixture simple
            ObjectNode g = groups.addObject();
            String cipher = d.cipher();
            g.put("cipher", d.ageMask().isRestricted() ? cipher + "+age_restricted" : cipher);
            if (d.ageMask().isRestricted()) {
                g.put("age_mask", d.ageMask().bits());
            }
            g.put("value", d.value().toString());
            g.put("fee_withdraw", d.feeWithdraw().toString());
            g.put("fee_deposit", d.feeDeposit().toString());
            g.put("fee_refresh", d.feeRefresh().toString());
            g.put("fee_refund", d.feeRefund().toString());
            g.put("hash", d.hash().toBase32());
            ObjectNode m = g.putArray("denoms").addObject();
            m.put("master_sig", d.masterSig().toBase32());
            m.set("stamp_start", ts(d.stampStart()));
            m.set("stamp_expire_withdraw", ts(d.stampExpireWithdraw()));
            m.set("stamp_expire_deposit", ts(d.stampExpireDeposit()));
            m.set("stamp_expire_legal", ts(d.stampExpireLegal()));
            if (d.key() instanceof DenominationKey.Rsa rsa) {
                m.put("rsa_pub", rsa.key().toBase32());
            } else {
                m.put("cs_pub", ((DenominationKey.Cs) d.key()).key().toBase32());
            }
        }
        k.putArray("auditors");
        k.putArray("global_fees");
        Timestamp lid = START;
        k.set("list_issue_date", ts(lid));
        k.put("eddsa_pub", ONLINE.publicKey().toBase32());
        k.put("eddsa_sig", new KeySet(lid, concat.finish()).sign(ONLINE).toBase32());
        k.put("denominations_sig", new KeySet(lid, xor).sign(ONLINE).toBase32());
        return k;
    }

    private static void stampsAndFees(ObjectNode n, Denomination d) {
        n.set("stamp_start", ts(d.stampStart()));
        n.set("stamp_expire_withdraw", ts(d.stampExpireWithdraw()));
        n.set("stamp_expire_deposit", ts(d.stampExpireDeposit()));
        n.set("stamp_expire_legal", ts(d.stampExpireLegal()));
        n.put("fee_withdraw", d.feeWithdraw().toString());
        n.put("fee_deposit", d.feeDeposit().toString());
        n.put("fee_refresh", d.feeRefresh().toString());
        n.put("fee_refund", d.feeRefund().toString());
    }

    static ObjectNode ts(Timestamp t) {
        return JsonNodeFactory.instance.objectNode().put("t_s", t.seconds());
    }
}
