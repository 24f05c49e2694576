package net.taler.httpd.keys;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.secmod.CsKeyInfo;
import net.taler.common.secmod.RsaKeyInfo;
import net.taler.common.secmod.SigningKeyInfo;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.secmod.client.SecmodUnavailableException;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * What the three security modules currently announce, joined with the coin sections: every
 * helper key with the timestamps, value and fees the exchange would publish for it
 * (operations.md 3.3). Never blocks: a helper that has not synced yet contributes nothing.
 */
public record HelperKeys(boolean rsaSynced, boolean csSynced, boolean eddsaSynced, boolean rsaNeeded, boolean csNeeded,
        EddsaPublicKey rsaSmPub, EddsaPublicKey csSmPub, EddsaPublicKey eddsaSmPub,
        Map<HashCode, Denom> denoms, Map<EddsaPublicKey, Signkey> signkeys) {
    private static final Logger LOG = Logger.getLogger(HelperKeys.class.getName());
    private static final EddsaPublicKey NONE = new EddsaPublicKey(new byte[32]);

    /** A denomination key of a helper; exactly one of {@code rsa}/{@code cs} is set. */
    public record Denom(CoinSection section, RsaPublicKey rsa, CsPublicKey cs, HashCode helperHash, HashCode hDenomPub,
            Timestamp start, Timestamp expireWithdraw, Timestamp expireDeposit, Timestamp expireLegal,
            EddsaSignature smSig) {
        public boolean isRsa() {
            return rsa != null;
        }
    }

    /** An online signing key of the EdDSA helper. */
    public record Signkey(EddsaPublicKey pub, Timestamp start, Timestamp expire, Timestamp end, EddsaSignature smSig) {
    }

    /**
     * True if the EdDSA helper and every denomination helper that a coin section needs are
     * connected (else /management/keys is 502). Upstream only asks for one of the two
     * denomination helpers; waiting for all needed ones means a key-up right after the first
     * 2xx signs every configured section.
     */
    public boolean helpersReady() {
        boolean denoms = (rsaNeeded || csNeeded) ? (!rsaNeeded || rsaSynced) && (!csNeeded || csSynced)
                : (rsaSynced || csSynced);
        return denoms && eddsaSynced;
    }

    static HelperKeys read(RsaSecmodClient rsa, CsSecmodClient cs, EddsaSecmodClient eddsa,
            Map<String, CoinSection> sections, RelativeTime signkeyLegal) {
        Map<HashCode, Denom> denoms = new LinkedHashMap<>();
        boolean rsaOk = rsa != null && rsa.isSynced();
        boolean csOk = cs != null && cs.isSynced();
        boolean edOk = eddsa != null && eddsa.isSynced();
        EddsaPublicKey rsaSm = NONE;
        EddsaPublicKey csSm = NONE;
        EddsaPublicKey edSm = NONE;
        Map<EddsaPublicKey, Signkey> signkeys = new LinkedHashMap<>();
        try {
            if (rsaOk) {
                for (RsaKeyInfo k : rsa.keys().values()) {
                    CoinSection s = section(sections, k.section());
                    if (s == null) {
                        continue;
                    }
                    rsaSm = k.smPublicKey();
                    Timestamp start = k.anchor().roundedToSeconds();
                    Timestamp ew = start.plus(k.durationWithdraw());
                    Timestamp ed = ew.plus(s.durationSpend());
                    Denom d = new Denom(s, k.publicKey(), null, k.publicKey().hash(),
                            k.publicKey().denominationHash(s.ageMask().bits()), start, ew, ed, ed.plus(s.durationLegal()),
                            k.smSignature());
                    denoms.put(d.hDenomPub(), d);
                }
            }
            if (csOk) {
                for (CsKeyInfo k : cs.keys().values()) {
                    CoinSection s = section(sections, k.section());
                    if (s == null) {
                        continue;
                    }
                    csSm = k.smPublicKey();
                    Timestamp start = k.anchor().roundedToSeconds();
                    Timestamp ew = start.plus(k.durationWithdraw());
                    Timestamp ed = ew.plus(s.durationSpend());
                    Denom d = new Denom(s, null, k.publicKey(), k.publicKey().secmodHash(),
                            k.publicKey().denomPubHash(s.ageMask().bits()), start, ew, ed, ed.plus(s.durationLegal()),
                            k.smSignature());
                    denoms.put(d.hDenomPub(), d);
                }
            }
            if (edOk) {
                for (SigningKeyInfo k : eddsa.keys().values()) {
                    edSm = k.smPublicKey();
                    Timestamp start = k.anchor().roundedToSeconds();
                    Timestamp expire = start.plus(k.duration());
                    signkeys.put(k.exchangePublicKey(), new Signkey(k.exchangePublicKey(), start, expire,
                            expire.plus(signkeyLegal), k.smSignature()));
                }
            }
        } catch (SecmodUnavailableException e) {
            LOG.warning("security module went away while reading its keys: " + e.getMessage());
        }
        boolean rsaNeeded = sections.values().stream().anyMatch(s -> s.cipher().equals("RSA"));
        boolean csNeeded = sections.values().stream().anyMatch(s -> s.cipher().equals("CS"));
        return new HelperKeys(rsaOk, csOk, edOk, rsaNeeded, csNeeded, rsaSm, csSm, edSm, Map.copyOf(denoms), Map.copyOf(signkeys));
    }

    private static CoinSection section(Map<String, CoinSection> sections, String name) {
        CoinSection s = sections.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            LOG.warning("security module announces a key for unknown section [" + name + "]; ignored");
        }
        return s;
    }
}
