package net.taler.testsupport.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.Coin;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;

/**
 * A coin from a withdrawal, with what later operations need besides the {@link Coin} itself:
 * its denomination's amounts and fees (deposit, refresh), the blinding secret and envelope hash
 * (recoup), and the exchange's blind signature (idempotency checks).
 *
 * @param denomination the denomination as listed in {@code /keys}
 * @param coin the spendable coin (verified)
 * @param blindingKeySecret RSA bks or CS blinding seed ({@code coin_blind_key_secret} of recoup)
 * @param envelopeHash {@code h_coin_envelope} of the withdrawal
 * @param blindSignature the exchange's {@code ev_sig}
 */
public record WithdrawnCoin(Denomination denomination, Coin coin, BlindingKeySecret blindingKeySecret,
        HashCode envelopeHash, BlindSignature blindSignature) {
    public WithdrawnCoin {
        Objects.requireNonNull(denomination, "denomination");
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(blindingKeySecret, "blindingKeySecret");
        Objects.requireNonNull(envelopeHash, "envelopeHash");
        Objects.requireNonNull(blindSignature, "blindSignature");
    }

    public EddsaPublicKey coinPub() {
        return coin.coinPub();
    }

    /** The denomination's value. */
    public Amount value() {
        return denomination.value();
    }

    @Override
    public String toString() {
        return "WithdrawnCoin(" + coinPub() + ", " + denomination + ")";
    }
}
