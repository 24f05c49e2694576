package net.taler.httpd.denom;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;
import net.taler.common.keys.Denomination;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.exchange.DenominationUnknown;
import net.taler.common.time.Timestamp;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.sign.OnlineSigner;

/**
 * Finds the denomination a coin operation names and refuses it with the signed replies of
 * exchange-api.md 4.11 when it is unknown, outside its validity or revoked.
 */
public final class DenominationLookup {
    private static final ObjectMapper M = TalerJson.mapper();

    /** Which validity period an operation needs. */
    public enum Use { WITHDRAW, DEPOSIT }

    private final OnlineSigner signer;

    public DenominationLookup(OnlineSigner signer) {
        this.signer = signer;
    }

    /**
     * The denomination for an operation at {@code now}.
     *
     * @param oper the {@code oper} string of the 410 replies ("WITHDRAW", "csr-withdraw", ...)
     * @throws TalerErrorException 404 (1005), 410 (1009 expired, 1008 not yet valid, 1010 revoked)
     */
    public Denomination require(KeyState ks, HashCode h, Use use, String oper, Timestamp now) {
        Denomination d = ks.denomination(h).orElseThrow(() -> unknown(h, now));
        Timestamp end = use == Use.WITHDRAW ? d.expireWithdraw() : d.expireDeposit();
        if (!now.isBefore(end)) {
            throw expired(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_EXPIRED, h, oper, now);
        }
        if (now.isBefore(d.validFrom())) {
            throw expired(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_VALIDITY_IN_FUTURE, h, oper, now);
        }
        if (d.revoked()) {
            throw expired(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_REVOKED, h, oper, now);
        }
        return d;
    }

    /** 404 {@code EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN} with the exchange's signature. */
    public TalerErrorException unknown(HashCode h, Timestamp now) {
        return signedUnknown(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, now);
    }

    /** The same shape with another code (1016, wrong cipher for a csr operation). */
    public TalerErrorException signedUnknown(TalerErrorCode code, HashCode h, Timestamp now) {
        OnlineSigner.Signed s = signer.sign(new DenominationUnknown(now, h));
        return new TalerErrorException(code, null).withHttpStatus(404)
                .withField("timestamp", M.valueToTree(now))
                .withField("exchange_pub", s.exchangePub().toBase32())
                .withField("exchange_sig", s.signature().toBase32())
                .withField("h_denom_pub", h.toBase32());
    }

    /** 410 with {@code oper} and the exchange's signature (C sends 410 also for "not yet valid"). */
    public TalerErrorException expired(TalerErrorCode code, HashCode h, String oper, Timestamp now) {
        OnlineSigner.Signed s = signer.sign(new DenominationExpired(now, oper, h));
        return new TalerErrorException(code, null).withHttpStatus(410)
                .withField("oper", oper)
                .withField("timestamp", M.valueToTree(now))
                .withField("exchange_pub", s.exchangePub().toBase32())
                .withField("exchange_sig", s.signature().toBase32())
                .withField("h_denom_pub", h.toBase32());
    }
}
