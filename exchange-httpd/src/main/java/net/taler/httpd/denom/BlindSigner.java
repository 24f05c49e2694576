package net.taler.httpd.denom;

import java.util.ArrayList;
import java.util.List;

import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
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
import net.taler.httpd.keys.HelperKeys;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.keys.KeyStateService;

/**
 * Blind-signs planchets with the denomination security modules. Several planchets go to each
 * helper as one batch request (one round trip per cipher), and the results come back in
 * request order. Helper failures become the Taler errors 1700/1701/1702.
 */
public final class BlindSigner {
    /** One planchet to sign with one denomination (whose cipher the caller has checked). */
    public record Item(Denomination denomination, BlindedPlanchet planchet) {
    }

    private final KeyStateService keys;

    public BlindSigner(KeyStateService keys) {
        this.keys = keys;
    }

    /** Signs every item; all succeed or a {@link TalerErrorException} is thrown. */
    public List<BlindSignature> sign(List<Item> items, boolean forMelt) {
        List<RsaProtocol.SignRequest> rsaReqs = new ArrayList<>();
        List<CsProtocol.SignRequest> csReqs = new ArrayList<>();
        for (Item it : items) {
            if (it.planchet() instanceof BlindedPlanchet.Rsa r) {
                rsaReqs.add(new RsaProtocol.SignRequest(helperHash(it.denomination()), r.blindedMessage()));
            } else {
                BlindedPlanchet.Cs c = (BlindedPlanchet.Cs) it.planchet();
                csReqs.add(new CsProtocol.SignRequest(helperHash(it.denomination()), c.message(), forMelt));
            }
        }
        List<SecmodResult<RsaSignature>> rsaRes = List.of();
        List<SecmodResult<CsBlindSignature>> csRes = List.of();
        try {
            if (!rsaReqs.isEmpty()) {
                RsaSecmodClient rsa = keys.rsa();
                if (rsa == null) {
                    throw unavailable("no RSA helper configured");
                }
                rsaRes = rsaReqs.size() == 1
                        ? List.of(rsa.sign(rsaReqs.get(0).hRsa(), rsaReqs.get(0).blindedMessage()))
                        : rsa.batchSign(rsaReqs);
            }
            if (!csReqs.isEmpty()) {
                CsSecmodClient cs = keys.cs();
                if (cs == null) {
                    throw unavailable("no CS helper configured");
                }
                csRes = csReqs.size() == 1 ? List.of(cs.sign(csReqs.get(0))) : cs.batchSign(csReqs);
            }
        } catch (SecmodUnavailableException e) {
            throw unavailable(e.getMessage());
        }
        List<BlindSignature> out = new ArrayList<>(items.size());
        int ri = 0;
        int ci = 0;
        for (Item it : items) {
            if (it.planchet() instanceof BlindedPlanchet.Rsa) {
                out.add(new BlindSignature.Rsa(value(rsaRes.get(ri++))));
            } else {
                out.add(new BlindSignature.Cs(value(csRes.get(ci++))));
            }
        }
        return out;
    }

    /** The public R pair for a CS nonce ({@code /csr-withdraw}). */
    public CsRPublicPair deriveR(Denomination d, CsNonce nonce, boolean forMelt) {
        CsSecmodClient cs = keys.cs();
        if (cs == null) {
            throw unavailable("no CS helper configured");
        }
        try {
            return value(cs.deriveR(new CsProtocol.RDeriveRequest(helperHash(d), nonce, forMelt)));
        } catch (SecmodUnavailableException e) {
            throw unavailable(e.getMessage());
        }
    }

    /** The helper's key hash, as announced (no per-request key decoding and hashing). */
    private HashCode helperHash(Denomination d) {
        KeyState ks = keys.current();
        HelperKeys.Denom announced = ks == null ? null : ks.helper().denoms().get(d.hDenomPub());
        if (announced != null) {
            return announced.helperHash();
        }
        // Not (or no longer) announced: the helper will refuse, with its own error code.
        return d.key() instanceof DenominationKey.Cs cs ? cs.key().secmodHash()
                : ((DenominationKey.Rsa) d.key()).key().hash();
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
