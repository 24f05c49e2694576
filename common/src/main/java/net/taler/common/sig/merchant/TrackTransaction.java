package net.taler.common.sig.merchant;

import java.util.Objects;

import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Merchant's request to track a deposit
 * ({@code GET /deposits/H_WIRE/MERCHANT_PUB/H_CONTRACT/COIN_PUB?merchant_sig=}).
 *
 * <p><b>[conflict] Two layouts under one purpose</b> (crypto.md 3.4.4, pitfall 5):
 * <ul>
 * <li>C layout ({@code TALER_DepositTrackPS}, what the C merchant signs and the C
 *     exchange verifies), {@value #SIZE} bytes:
 *     {@code h_contract_terms, h_wire, coin_pub};</li>
 * <li>wallet layout (Dec 2022 {@code signTrackTransaction}), {@value #WALLET_SIZE}
 *     bytes: {@code h_contract_terms, h_wire, merchant_pub, coin_pub}.</li>
 * </ul>
 * {@link #toPurposeBlock()} and {@link #sign} use the C layout;
 * {@link #verify} accepts a signature under either layout. The merchant key is
 * part of the record because the wallet layout covers it (the exchange knows it
 * from the URL anyway).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MERCHANT_TRACK_TRANSACTION}).
 * Signed by: merchant key (and the wallet for its own deposits).
 * Verified by: httpd.
 *
 * @param hContractTerms contract hash
 * @param hWire salted merchant wire hash
 * @param merchantPub the merchant (only in the wallet layout)
 * @param coinPub the deposited coin
 */
public record TrackTransaction(
        HashCode hContractTerms,
        HashCode hWire,
        EddsaPublicKey merchantPub,
        EddsaPublicKey coinPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MERCHANT_TRACK_TRANSACTION}). */
    public static final int PURPOSE = Purposes.MERCHANT_TRACK_TRANSACTION;
    /** Size of the C-layout block, header included. */
    public static final int SIZE = 168;
    /** Size of the wallet-layout block, header included. */
    public static final int WALLET_SIZE = 200;

    public TrackTransaction {
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(hWire, "hWire");
        Objects.requireNonNull(merchantPub, "merchantPub");
        Objects.requireNonNull(coinPub, "coinPub");
    }

    /** The C layout: {@code h_contract_terms, h_wire, coin_pub}. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .bytes(hWire)
                .bytes(coinPub)
                .build();
    }

    /** The Dec 2022 wallet layout: {@code h_contract_terms, h_wire, merchant_pub, coin_pub}. */
    public PurposeBlock toWalletPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .bytes(hWire)
                .bytes(merchantPub)
                .bytes(coinPub)
                .build();
    }

    /** Signs the wallet layout, as the Dec 2022 wallet does (for the Java test wallet). */
    public EddsaSignature signWalletLayout(EddsaPrivateKey priv) {
        return Eddsa.sign(priv, toWalletPurposeBlock());
    }

    /** True if the signature verifies under the C layout only. */
    public boolean verifyCLayout(EddsaPublicKey pub, EddsaSignature sig) {
        return Eddsa.verify(pub, toPurposeBlock(), sig);
    }

    /** True if the signature verifies under the wallet layout only. */
    public boolean verifyWalletLayout(EddsaPublicKey pub, EddsaSignature sig) {
        return Eddsa.verify(pub, toWalletPurposeBlock(), sig);
    }

    /** Accepts a signature under either layout (what the exchange must do). */
    @Override
    public boolean verify(EddsaPublicKey pub, EddsaSignature sig) {
        return verifyCLayout(pub, sig) || verifyWalletLayout(pub, sig);
    }
}
