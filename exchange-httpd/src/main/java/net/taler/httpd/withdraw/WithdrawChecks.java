package net.taler.httpd.withdraw;

import net.taler.common.amount.Amount;
import net.taler.common.amount.AmountException;
import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.keys.Denomination;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.wallet.WithdrawRequest;
import net.taler.common.time.Timestamp;
import net.taler.common.wallet.WithdrawPlanchet;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.denom.DenominationLookup;
import net.taler.httpd.keys.KeyState;

/**
 * The checks of one withdraw planchet that need no database (exchange-api.md 3.2, steps 2-8,
 * in the C server's order): denomination known and valid for withdrawal, cipher, value plus
 * fee, and the reserve's signature. Shared by single and batch withdrawal.
 */
public final class WithdrawChecks {
    /**
     * A planchet that passed every check, with what signing needs from the request's key-state
     * snapshot (the helper's hash of the denomination key).
     */
    public record Checked(WithdrawPlanchet planchet, Denomination denomination, Amount amountWithFee,
            HashCode helperHash) {
        BlindSigner.Item signItem() {
            return new BlindSigner.Item(denomination, helperHash, planchet.coinEv());
        }
    }

    private final DenominationLookup denominations;

    public WithdrawChecks(DenominationLookup denominations) {
        this.denominations = denominations;
    }

    /**
     * @param ks the key state the request started with
     * @throws TalerErrorException with the documented status and code of the first failed check
     */
    public Checked check(KeyState ks, EddsaPublicKey reservePub, WithdrawPlanchet p, Timestamp now) {
        Denomination d = denominations.require(ks, p.hDenomPub(), DenominationLookup.Use.WITHDRAW,
                DenominationExpired.OP_WITHDRAW, now);
        if (p.coinEv().cipher() != d.cipher()) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_CIPHER_MISMATCH,
                    "planchet cipher differs from the denomination's");
        }
        Amount withFee;
        try {
            withFee = d.valueWithWithdrawFee();
        } catch (AmountException | ArithmeticException e) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_AMOUNT_FEE_OVERFLOW, null);
        }
        WithdrawRequest signed = new WithdrawRequest(withFee, p.hDenomPub(), p.hBlindEv());
        if (!Eddsa.verify(reservePub, signed.toPurposeBlock(), p.reserveSig())) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID, null);
        }
        return new Checked(p, d, withFee, ks.helperHash(d));
    }
}
