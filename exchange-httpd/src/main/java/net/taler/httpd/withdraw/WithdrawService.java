package net.taler.httpd.withdraw;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.taler.common.amount.Amount;
import net.taler.common.amount.AmountException;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;
import net.taler.common.keys.Denomination;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.wallet.WithdrawRequest;
import net.taler.common.time.Timestamp;
import net.taler.httpd.OperationContext;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.denom.DenominationLookup;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.reserve.ReserveHistoryJson;

/**
 * The checks and replies single and batch withdrawal share (exchange-api.md 3.2): the
 * denomination, the cipher, the amount with fee, the reserve's signature, the stored signature
 * of a repeated envelope, and the 409 with the reserve history.
 */
public final class WithdrawService {
    private static final ObjectMapper M = TalerJson.mapper();

    /**
     * A planchet that passed every check that needs no database, with what signing needs from
     * the request's key-state snapshot.
     */
    public record Checked(WithdrawPlanchet planchet, Denomination denomination, Amount amountWithFee,
            HashCode helperHash) {
        BlindSigner.Item signItem() {
            return new BlindSigner.Item(denomination, helperHash, planchet.coinEv());
        }
    }

    private final OperationContext ctx;
    private final DenominationLookup denominations;
    private final BlindSigner signer;
    private final ReserveHistoryJson history;

    public WithdrawService(OperationContext ctx, DenominationLookup denominations, BlindSigner signer,
            ReserveHistoryJson history) {
        this.ctx = ctx;
        this.denominations = denominations;
        this.signer = signer;
        this.history = history;
    }

    public OperationContext context() {
        return ctx;
    }

    public BlindSigner signer() {
        return signer;
    }

    /** Steps 2-8 of exchange-api.md 3.2, in the C server's order. */
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
        } catch (AmountException | ArithmeticException e2) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_AMOUNT_FEE_OVERFLOW, null);
        }
        WithdrawRequest signed = new WithdrawRequest(withFee, p.hDenomPub(), p.hBlindEv());
        if (!Eddsa.verify(reservePub, signed.toPurposeBlock(), p.reserveSig())) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID, null);
        }
        return new Checked(p, d, withFee, ks.helperHash(d));
    }

    /** The signature stored for an envelope withdrawn before, if any. */
    public Optional<BlindSignature> storedSignature(HashCode hBlindEv) {
        return ctx.reserves().getWithdrawal(hBlindEv).map(w -> CoinJson.decode(w.denomSig()));
    }

    /** The reply body of a signature ({@code {"ev_sig": ...}}). */
    public static com.fasterxml.jackson.databind.node.ObjectNode evSig(BlindSignature s) {
        var o = M.createObjectNode();
        o.set("ev_sig", CoinJson.blindSignature(s));
        return o;
    }

    /** 409 {@code EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS} with balance, requested amount and history. */
    public TalerErrorException insufficientFunds(EddsaPublicKey reservePub, Amount balance, Amount requested) {
        var events = ctx.history().reserveHistory(reservePub);
        return new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS, null)
                .withField("balance", M.valueToTree(balance))
                .withField("requested_amount", M.valueToTree(requested))
                .withField("history", history.build(reservePub, events));
    }

    /** The gc date a withdrawal pushes the reserve to ({@code LEGAL_RESERVE_EXPIRATION_TIME} from now). */
    public Timestamp minReserveGc(Timestamp now) {
        return now.plus(ctx.settings().legalReserveExpiration());
    }
}
