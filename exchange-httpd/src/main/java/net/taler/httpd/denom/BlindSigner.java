package net.taler.httpd.denom;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.keys.Denomination;
import net.taler.common.secmod.CsProtocol;
import net.taler.common.secmod.RsaProtocol;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.secmod.client.SecmodResult;
import net.taler.common.secmod.client.SecmodUnavailableException;
import net.taler.httpd.sign.HelperUnavailable;
import net.taler.httpd.sign.SecurityModules;

/**
 * Blind-signs planchets with the denomination security modules. Several planchets go to each
 * helper as one batch request (one round trip per cipher), and the results come back in
 * request order. Helper failures become the Taler errors 1700/1701/1702.
 */
public final class BlindSigner {
    private static final Logger LOG = Logger.getLogger(BlindSigner.class.getName());
    /**
     * One planchet to sign with one denomination (whose cipher the caller has checked), and the
     * helper's hash of that denomination's key taken from the request's key-state snapshot.
     */
    public record Item(Denomination denomination, HashCode helperHash, BlindedPlanchet planchet) {
    }

    private final SecurityModules modules;
    private final boolean checkInvariants;

    /** @param checkInvariants verify every RSA blind signature before it leaves ({@code -I}) */
    public BlindSigner(SecurityModules modules, boolean checkInvariants) {
        this.modules = modules;
        this.checkInvariants = checkInvariants;
    }

    /** Signs every item; all succeed or a {@link TalerErrorException} is thrown. */
    public List<BlindSignature> sign(List<Item> items, boolean forMelt) {
        List<RsaProtocol.SignRequest> rsaReqs = new ArrayList<>();
        List<CsProtocol.SignRequest> csReqs = new ArrayList<>();
        for (Item it : items) {
            if (it.planchet() instanceof BlindedPlanchet.Rsa r) {
                rsaReqs.add(new RsaProtocol.SignRequest(it.helperHash(), r.blindedMessage()));
            } else {
                BlindedPlanchet.Cs c = (BlindedPlanchet.Cs) it.planchet();
                csReqs.add(new CsProtocol.SignRequest(it.helperHash(), c.message(), forMelt));
            }
        }
        List<SecmodResult<RsaSignature>> rsaRes = List.of();
        List<SecmodResult<CsBlindSignature>> csRes = List.of();
        String asking = "secmod-rsa"; // the helper a failure is reported for
        try {
            if (!rsaReqs.isEmpty()) {
                RsaSecmodClient rsa = modules.rsa();
                if (rsa == null) {
                    throw unavailable("no RSA helper configured");
                }
                rsaRes = rsaReqs.size() == 1
                        ? List.of(rsa.sign(rsaReqs.get(0).hRsa(), rsaReqs.get(0).blindedMessage()))
                        : rsa.batchSign(rsaReqs);
            }
            if (!csReqs.isEmpty()) {
                asking = "secmod-cs";
                CsSecmodClient cs = modules.cs();
                if (cs == null) {
                    throw unavailable("no CS helper configured");
                }
                csRes = csReqs.size() == 1 ? List.of(cs.sign(csReqs.get(0))) : cs.batchSign(csReqs);
            }
        } catch (SecmodUnavailableException e) {
            throw HelperUnavailable.reply(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE, asking, e);
        }
        List<BlindSignature> out = new ArrayList<>(items.size());
        int ri = 0;
        int ci = 0;
        for (Item it : items) {
            if (it.planchet() instanceof BlindedPlanchet.Rsa r) {
                RsaSignature sig = value(rsaRes.get(ri++));
                if (checkInvariants) {
                    requireValid(it.denomination(), r, sig);
                }
                out.add(new BlindSignature.Rsa(sig));
            } else {
                out.add(new BlindSignature.Cs(value(csRes.get(ci++))));
            }
        }
        return out;
    }

    /** The public R pair for a CS nonce ({@code /csr-withdraw}); {@code helperHash} as in {@link Item}. */
    public CsRPublicPair deriveR(HashCode helperHash, CsNonce nonce, boolean forMelt) {
        CsSecmodClient cs = modules.cs();
        if (cs == null) {
            throw unavailable("no CS helper configured");
        }
        try {
            return value(cs.deriveR(new CsProtocol.RDeriveRequest(helperHash, nonce, forMelt)));
        } catch (SecmodUnavailableException e) {
            throw HelperUnavailable.reply(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE, "secmod-cs", e);
        }
    }

    /** {@code -I}: an RSA blind signature must verify before it leaves (a faulty helper is a bug). */
    private static void requireValid(Denomination d, BlindedPlanchet.Rsa planchet, RsaSignature sig) {
        if (!(d.key() instanceof DenominationKey.Rsa rsa)
                || !RsaBlinding.verifyBlind(rsa.key(), planchet.blindedMessage(), sig)) {
            LOG.severe("invariant violated: secmod-rsa returned an invalid blind signature for "
                    + d.hDenomPub().toBase32());
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_BUG, "invalid blind signature");
        }
    }

    private static <T> T value(SecmodResult<T> r) {
        if (r.isOk()) {
            return r.value();
        }
        TalerErrorCode code = r.error();
        if (code == TalerErrorCode.INVALID || code == TalerErrorCode.NONE) {
            code = TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_BUG;
        }
        throw new TalerErrorException(code, "denomination helper refused to sign");
    }

    private static TalerErrorException unavailable(String detail) {
        return new TalerErrorException(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE, detail);
    }
}
