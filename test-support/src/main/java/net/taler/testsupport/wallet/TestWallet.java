package net.taler.testsupport.wallet;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.age.AgeRestriction;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.time.Timestamp;

/**
 * The wallet flows of exchange-api.md 9.1 over an {@link ExchangeClient} and a
 * {@link BankClient}: create a reserve, fund it through the bank, wait until the exchange sees
 * it, select denominations and withdraw coins (RSA or CS per denomination), unblinding and
 * verifying every coin.
 *
 * <p>Thread safe: the only mutable state is the cached {@code /keys} (a volatile reference to
 * an immutable snapshot) and a {@link SecureRandom}. Many threads may withdraw through one
 * wallet, e.g. in the benchmark.
 */
public final class TestWallet {
    /** Longest single long poll ({@code timeout_ms}), as the wallet uses. */
    public static final Duration MAX_LONG_POLL = Duration.ofSeconds(30);
    /** Pause between polls when the exchange answers without waiting. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final ExchangeClient exchange;
    private final BankClient bank;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile ExchangeKeys keys;

    /**
     * @param exchange the exchange
     * @param bank the exchange account's wire gateway, or null if the test funds reserves
     *     otherwise
     * @param clock the time used to decide which denominations are withdrawable
     */
    public TestWallet(ExchangeClient exchange, BankClient bank, Clock clock) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.bank = bank;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With the system clock. */
    public TestWallet(ExchangeClient exchange, BankClient bank) {
        this(exchange, bank, Clock.systemUTC());
    }

    /**
     * A wallet over one new {@link JsonHttp} shared by both clients.
     *
     * @param exchangeBaseUrl e.g. {@code http://localhost:8081/}
     * @param wireGatewayBaseUrl e.g. {@code http://localhost:8082/taler-wire-gateway/myexchange/},
     *     or null for none
     */
    public static TestWallet connect(String exchangeBaseUrl, String wireGatewayBaseUrl) {
        JsonHttp http = new JsonHttp();
        return new TestWallet(new ExchangeClient(http, exchangeBaseUrl),
                wireGatewayBaseUrl == null ? null : new BankClient(http, wireGatewayBaseUrl));
    }

    public ExchangeClient exchange() {
        return exchange;
    }

    /**
     * The bank client.
     *
     * @throws IllegalStateException if the wallet has none
     */
    public BankClient bank() {
        if (bank == null) {
            throw new IllegalStateException("this wallet has no bank client");
        }
        return bank;
    }

    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ keys

    /** The verified {@code /keys}, downloaded on first use and then cached. */
    public ExchangeKeys keys() {
        ExchangeKeys k = keys;
        return k != null ? k : refreshKeys();
    }

    /** Downloads and verifies {@code /keys} again (e.g. after the exchange got new keys). */
    public ExchangeKeys refreshKeys() {
        ExchangeKeys k = exchange.keys();
        keys = k;
        return k;
    }

    // ------------------------------------------------------------------ reserves

    /** A fresh reserve key pair (nothing is sent anywhere). */
    public Reserve createReserve() {
        return Reserve.random();
    }

    /**
     * Wires {@code amount} to the exchange with the reserve public key as subject
     * ({@code admin/add-incoming}).
     *
     * @return the bank's row id
     */
    public long fund(Reserve reserve, Amount amount) {
        return bank().addIncoming(amount, reserve.pub());
    }

    /**
     * Waits until the exchange knows the reserve: long polls {@code GET /reserves/$R} (at most
     * {@link #MAX_LONG_POLL} per request) while it answers 404
     * {@code EXCHANGE_RESERVES_STATUS_UNKNOWN}.
     *
     * @return the balance at that time
     * @throws WalletException if the reserve is not visible within {@code timeout}, or on any
     *     other reply
     */
    public Amount awaitReserve(Reserve reserve, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new WalletException("reserve " + reserve.pub() + " not known to the exchange after " + timeout);
            }
            Duration poll = Duration.ofNanos(Math.min(left, MAX_LONG_POLL.toNanos()));
            if (poll.toMillis() < 1) {
                poll = Duration.ofMillis(1);
            }
            long start = System.nanoTime();
            Optional<Amount> balance = exchange.reserveBalance(reserve.pub(), poll);
            if (balance.isPresent()) {
                return balance.get();
            }
            pauseIfTooQuick(start, deadline);
        }
    }

    /**
     * Waits until the reserve balance is at least {@code atLeast} (e.g. after a second credit,
     * which the exchange's long poll does not wait for).
     *
     * @return the balance
     * @throws WalletException if that does not happen within {@code timeout}
     */
    public Amount awaitBalance(Reserve reserve, Amount atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Amount last = awaitReserve(reserve, timeout);
        while (last.compare(atLeast) < 0) {
            if (System.nanoTime() - deadline >= 0) {
                throw new WalletException("reserve " + reserve.pub() + " balance " + last + " did not reach "
                        + atLeast + " within " + timeout);
            }
            sleep(POLL_INTERVAL);
            last = exchange.reserveBalance(reserve.pub(), null)
                    .orElseThrow(() -> new WalletException("reserve " + reserve.pub() + " disappeared"));
        }
        return last;
    }

    /** {@link #createReserve}, {@link #fund} and {@link #awaitReserve} in one call. */
    public Reserve createFundedReserve(Amount amount, Duration timeout) {
        Reserve r = createReserve();
        fund(r, amount);
        awaitReserve(r, timeout);
        return r;
    }

    /** An exchange that does not long-poll answers at once; do not hammer it. */
    private static void pauseIfTooQuick(long start, long deadline) {
        long elapsed = System.nanoTime() - start;
        long pause = Math.min(POLL_INTERVAL.toNanos() - elapsed, deadline - System.nanoTime());
        if (pause > 0) {
            sleep(Duration.ofNanos(pause));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ denominations

    /** Denominations for {@code amount} from the cached {@code /keys}, as the wallet picks them. */
    public DenominationSelection selectDenominations(Amount amount) {
        return DenominationSelection.select(keys().denominations(), amount, now());
    }

    /** The wallet's "now" for validity checks. */
    public Timestamp now() {
        return Timestamp.fromInstant(clock.instant());
    }

    // ------------------------------------------------------------------ withdraw

    /**
     * Prepares planchets and signed requests for {@code denominations} (one coin each, in
     * order). CS denominations cost one {@code /csr-withdraw} request each; RSA ones need no
     * network.
     */
    public List<PreparedCoin> prepareWithdraw(Reserve reserve, List<Denomination> denominations,
            WithdrawOptions options) {
        Objects.requireNonNull(reserve, "reserve");
        Objects.requireNonNull(options, "options");
        byte[] seed = options.seed();
        List<PreparedCoin> out = new ArrayList<>(denominations.size());
        for (int i = 0; i < denominations.size(); i++) {
            Denomination d = denominations.get(i);
            PlanchetMasterSecret ps = seed == null ? randomSecret() : Seeds.planchetSecret(seed, i);
            AgeCommitmentProof acp = null;
            if (d.ageMask().isRestricted()) {
                int age = options.restrictAge() == 0 ? AgeRestriction.AGE_UNRESTRICTED : options.restrictAge();
                acp = seed == null ? AgeRestriction.commit(d.ageMask(), age, random)
                        : AgeRestriction.commitSeeded(d.ageMask(), age, Seeds.ageCommitmentSeed(ps));
            }
            CsRPublicPair r = d.isCs() ? exchange.csrWithdraw(CsNonce.forWithdraw(ps), d.hash()) : null;
            out.add(PreparedCoin.create(i, reserve, d, ps, r, acp));
        }
        return out;
    }

    /** Withdraws one coin per denomination, sequentially or as batch, random secrets. */
    public List<WithdrawnCoin> withdraw(Reserve reserve, List<Denomination> denominations, boolean batch) {
        return withdraw(reserve, denominations, WithdrawOptions.DEFAULT.withBatch(batch));
    }

    /**
     * Withdraws one coin per denomination: {@link #prepareWithdraw}, then one {@code withdraw}
     * request per coin (as the wallet does) or {@code batch-withdraw} requests, then unblinds and
     * verifies every coin.
     *
     * @throws UnexpectedResponseException if the exchange refuses a request
     * @throws WalletException if a returned signature does not verify
     */
    public List<WithdrawnCoin> withdraw(Reserve reserve, List<Denomination> denominations, WithdrawOptions options) {
        return complete(reserve, prepareWithdraw(reserve, denominations, options), options.batch());
    }

    /**
     * Sends prepared coins (again, for idempotency tests) and returns the verified coins.
     *
     * @param batch {@code batch-withdraw} in chunks of {@link ExchangeClient#MAX_BATCH} instead of
     *     one {@code withdraw} each
     */
    public List<WithdrawnCoin> complete(Reserve reserve, List<PreparedCoin> prepared, boolean batch) {
        List<WithdrawnCoin> out = new ArrayList<>(prepared.size());
        if (!batch) {
            for (PreparedCoin p : prepared) {
                out.add(p.toCoin(exchange.withdraw(reserve.pub(), p.request())));
            }
            return out;
        }
        for (int from = 0; from < prepared.size(); from += ExchangeClient.MAX_BATCH) {
            List<PreparedCoin> chunk = prepared.subList(from, Math.min(prepared.size(), from + ExchangeClient.MAX_BATCH));
            List<SignedPlanchet> requests = new ArrayList<>(chunk.size());
            for (PreparedCoin p : chunk) {
                requests.add(p.request());
            }
            List<BlindSignature> sigs = exchange.batchWithdraw(reserve.pub(), requests);
            for (int i = 0; i < chunk.size(); i++) {
                out.add(chunk.get(i).toCoin(sigs.get(i)));
            }
        }
        return out;
    }

    /**
     * Selects denominations for {@code amount} and withdraws them sequentially.
     *
     * @throws WalletException if no coin fits into {@code amount}
     */
    public List<WithdrawnCoin> withdrawAmount(Reserve reserve, Amount amount) {
        DenominationSelection sel = selectDenominations(amount);
        if (sel.isEmpty()) {
            throw new WalletException("no withdrawable denomination fits into " + amount);
        }
        return withdraw(reserve, sel.denominations(), WithdrawOptions.DEFAULT);
    }

    private PlanchetMasterSecret randomSecret() {
        byte[] b = new byte[PlanchetMasterSecret.SIZE];
        random.nextBytes(b);
        return new PlanchetMasterSecret(b);
    }

    @Override
    public String toString() {
        return "TestWallet(" + exchange.baseUrl() + (bank == null ? "" : ", " + bank.wireGatewayBase()) + ")";
    }
}
