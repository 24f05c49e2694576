package net.taler.testsupport.wallet;

/**
 * How {@link TestWallet} withdraws.
 *
 * @param batch one {@code batch-withdraw} request (chunks of {@link ExchangeClient#MAX_BATCH})
 *     instead of one {@code withdraw} per coin
 * @param seed null for random planchet secrets, else the seed of {@link Seeds#planchetSecret}
 *     (same seed and denominations give byte-identical requests)
 * @param restrictAge the age committed to for age-restricted denominations; 0 means unrestricted
 *     (as the wallet, which then commits to {@code AgeRestriction.AGE_UNRESTRICTED})
 */
public record WithdrawOptions(boolean batch, byte[] seed, int restrictAge) {
    /** Sequential, random, unrestricted: what the Dec 2022 wallet does. */
    public static final WithdrawOptions DEFAULT = new WithdrawOptions(false, null, 0);

    public WithdrawOptions {
        if (restrictAge < 0 || restrictAge > 32) {
            throw new IllegalArgumentException("restrictAge " + restrictAge);
        }
        seed = seed == null ? null : seed.clone();
    }

    @Override
    public byte[] seed() {
        return seed == null ? null : seed.clone();
    }

    public WithdrawOptions withBatch(boolean b) {
        return new WithdrawOptions(b, seed, restrictAge);
    }

    public WithdrawOptions withSeed(byte[] s) {
        return new WithdrawOptions(batch, s, restrictAge);
    }

    public WithdrawOptions withRestrictAge(int age) {
        return new WithdrawOptions(batch, seed, age);
    }
}
