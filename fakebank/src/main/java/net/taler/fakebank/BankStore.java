package net.taler.fakebank;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import net.taler.common.amount.Amount;
import net.taler.common.amount.AmountException;
import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.time.Timestamp;

/**
 * The fakebank's whole state, in memory, behind one lock (wire-gateway.md 3.1): accounts with
 * signed balances and passwords, a ring buffer of the last {@code ramLimit} transactions with a
 * global row counter starting at 1, the request-uid and reserve-subject indexes (limited to the
 * transactions still in the ring), and the bank-integrated withdrawal operations.
 *
 * <p>Protocol violations are thrown as {@link TalerErrorException} with the status the HTTP
 * layer sends. Methods marked "for tests" let tests inspect and falsify the bank's records
 * (the auditor's tests provoke findings that way); they do not adjust balances.
 */
public final class BankStore {
    /** Bound on accounts: each one also gets routes (wire-gateway.md 3.1 {@code /<ACCOUNT>/…}). */
    public static final int MAX_ACCOUNTS = 100_000;
    /** Bound on remembered withdrawal operations; the oldest are forgotten beyond it. */
    public static final int MAX_WITHDRAWALS = 100_000;

    /** Result of {@link #register}. */
    public enum RegisterResult { CREATED, EXISTS, CONFLICT }

    private static final class Account {
        final String name;
        String password;
        Balance balance;

        Account(String name, String password, Balance balance) {
            this.name = name;
            this.password = password;
            this.balance = balance;
        }
    }

    private static final class Operation {
        final String id;
        final String account;
        final Amount amount;
        String exchangePayto;
        String exchangeAccount;
        String reservePub;
        boolean confirmed;
        boolean aborted;
        long rowId;

        Operation(String id, String account, Amount amount) {
            this.id = id;
            this.account = account;
            this.amount = amount;
        }

        Withdrawal snapshot() {
            return new Withdrawal(id, account, amount, exchangePayto, reservePub, confirmed, aborted, rowId);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Object lock = new Object();
    private final String currency;
    private final int ramLimit;
    private final Clock clock;
    private final Amount signupBonus;
    private final Map<String, Account> accounts = new HashMap<>();
    private final BankTransaction[] ring;
    /** request_uid → row id, only for rows still in the ring. */
    private final Map<String, Long> requestUids = new HashMap<>();
    /** reserve public key (canonical base32) → row id, only for rows still in the ring. */
    private final Map<String, Long> reserveSubjects = new HashMap<>();
    private final Map<String, Operation> withdrawals = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Operation> eldest) {
            return size() > MAX_WITHDRAWALS;
        }
    };
    private long nextRow = 1;
    private volatile BankEvents events = BankEvents.NONE;

    /**
     * @param signupBonus balance of accounts created by {@link #register}; null = zero
     */
    public BankStore(String currency, int ramLimit, Clock clock, Amount signupBonus) {
        Amount.checkCurrency(currency);
        if (ramLimit < 1) {
            throw new IllegalArgumentException("ramLimit must be positive");
        }
        this.currency = currency;
        this.ramLimit = ramLimit;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signupBonus = signupBonus == null ? Amount.zero(currency) : signupBonus;
        this.ring = new BankTransaction[ramLimit];
    }

    void setEvents(BankEvents e) {
        this.events = Objects.requireNonNull(e);
    }

    public String currency() {
        return currency;
    }

    public int ramLimit() {
        return ramLimit;
    }

    // ---------------------------------------------------------------- accounts

    /** True if the account exists. */
    public boolean hasAccount(String name) {
        synchronized (lock) {
            return accounts.containsKey(name);
        }
    }

    /** Names of all accounts (unordered). */
    public List<String> accountNames() {
        synchronized (lock) {
            return List.copyOf(accounts.keySet());
        }
    }

    /** The balance of an account. */
    public Optional<Balance> balance(String name) {
        synchronized (lock) {
            Account a = accounts.get(name);
            return a == null ? Optional.empty() : Optional.of(a.balance);
        }
    }

    /** For tests: overwrites a balance (creating the account without password if needed). */
    public void setBalance(String name, Balance b) {
        checkCurrency(b.amount());
        synchronized (lock) {
            account(name).balance = b;
        }
    }

    /**
     * {@code /testing/register}: creates the account with the signup bonus. An existing account
     * with the same password (or one created implicitly, without password, which then gets this
     * password) is {@link RegisterResult#EXISTS}; another password is a conflict.
     */
    public RegisterResult register(String name, String password) {
        Objects.requireNonNull(password, "password");
        synchronized (lock) {
            Account a = accounts.get(name);
            if (a != null) {
                if (a.password == null) {
                    a.password = password;
                    return RegisterResult.EXISTS;
                }
                return a.password.equals(password) ? RegisterResult.EXISTS : RegisterResult.CONFLICT;
            }
            Account n = account(name);
            n.password = password;
            n.balance = new Balance(signupBonus, false);
        }
        return RegisterResult.CREATED;
    }

    /** Creates an account without password if it does not exist (an implicit creation). */
    public void ensureAccount(String name) {
        synchronized (lock) {
            account(name);
        }
    }

    /** Gets or creates; lock held. */
    private Account account(String name) {
        Account a = accounts.get(name);
        if (a == null) {
            checkRoomForAccounts(1);
            a = new Account(name, null, Balance.zero(currency));
            accounts.put(name, a);
        }
        return a;
    }

    /** Refuses (503) if {@code more} new accounts would exceed {@link #MAX_ACCOUNTS}; lock held. */
    private void checkRoomForAccounts(int more) {
        if (accounts.size() + more > MAX_ACCOUNTS) {
            throw new TalerErrorException(TalerErrorCode.BANK_SOFT_EXCEPTION,
                    "too many accounts (limit " + MAX_ACCOUNTS + ")").withHttpStatus(503);
        }
    }

    // ---------------------------------------------------------------- transfers

    /**
     * {@code admin/add-incoming}: books {@code amount} from {@code debit} to {@code credit} with
     * the reserve public key as subject; both accounts are created if needed.
     *
     * @throws TalerErrorException 409 {@code BANK_DUPLICATE_RESERVE_PUB_SUBJECT} if the key was used,
     *         409 if a balance would leave the amount range ({@link #book})
     */
    public BankTransaction addIncoming(String debit, String credit, Amount amount, String reservePub) {
        checkCurrency(amount);
        String key = canonicalReservePub(reservePub);
        BankTransaction tx;
        synchronized (lock) {
            if (reserveSubjects.containsKey(key)) {
                throw duplicateReserve(reservePub);
            }
            tx = book(debit, credit, amount, BankTransaction.Kind.INCOMING, reservePub, null, null, null);
        }
        events.transactionBooked(tx);
        return tx;
    }

    /**
     * {@code transfer}: books an outgoing transfer, idempotent on {@code requestUid}: the same
     * request again returns the original transaction.
     *
     * @throws TalerErrorException 409 {@code BANK_TRANSFER_REQUEST_UID_REUSED} if the uid was
     *         used for a different transfer, 409 if a balance would leave the amount range ({@link #book})
     */
    public BankTransaction transfer(String debit, String credit, Amount amount, String requestUid, String wtid,
            String exchangeBaseUrl) {
        checkCurrency(amount);
        Objects.requireNonNull(requestUid, "requestUid");
        BankTransaction tx;
        synchronized (lock) {
            Long row = requestUids.get(requestUid);
            if (row != null) {
                BankTransaction old = slot(row);
                if (old != null && old.debitAccount().equals(debit) && old.creditAccount().equals(credit)
                        && old.amount().equals(amount) && Objects.equals(old.wtid(), wtid)
                        && Objects.equals(old.exchangeBaseUrl(), exchangeBaseUrl)) {
                    return old;
                }
                throw new TalerErrorException(TalerErrorCode.BANK_TRANSFER_REQUEST_UID_REUSED,
                        "request_uid was used for a different transfer (row " + row + ")");
            }
            tx = book(debit, credit, amount, BankTransaction.Kind.OUTGOING, null, wtid, exchangeBaseUrl, requestUid);
        }
        events.transactionBooked(tx);
        return tx;
    }

    /**
     * Books a transaction; lock held. Everything that can refuse the booking (balance limits, the
     * account bound) is checked before anything changes, so a refusal leaves no row, no balance
     * change, no request uid and no implicitly created account. Evicts the slot's previous
     * occupant and its index entries.
     *
     * @throws TalerErrorException 409 if a balance would leave the amount range (beyond 2^52)
     */
    private BankTransaction book(String debit, String credit, Amount amount, BankTransaction.Kind kind,
            String reservePub, String wtid, String exchangeBaseUrl, String requestUid) {
        Balance debitAfter = debited(debit, currentBalance(debit), amount);
        // A transfer to oneself is debited and credited on the same balance.
        Balance creditAfter = credited(credit, debit.equals(credit) ? debitAfter : currentBalance(credit), amount);
        int missing = (accounts.containsKey(debit) ? 0 : 1)
                + (accounts.containsKey(credit) || debit.equals(credit) ? 0 : 1);
        checkRoomForAccounts(missing);
        Account d = account(debit);
        Account c = account(credit);
        long row = nextRow;
        BankTransaction tx = new BankTransaction(row, Timestamp.now(clock).roundedToSeconds(), debit, credit, amount,
                kind, reservePub, wtid, exchangeBaseUrl, requestUid);
        int idx = index(row);
        BankTransaction evicted = ring[idx];
        if (evicted != null) {
            unindex(evicted);
        }
        ring[idx] = tx;
        nextRow++;
        index(tx);
        d.balance = debitAfter;
        c.balance = creditAfter;
        return tx;
    }

    /** The balance of an account, zero if it does not exist yet; lock held. */
    private Balance currentBalance(String name) {
        Account a = accounts.get(name);
        return a == null ? Balance.zero(currency) : a.balance;
    }

    private static Balance debited(String account, Balance before, Amount amount) {
        try {
            return before.debit(amount);
        } catch (AmountException e) {
            throw new TalerErrorException(TalerErrorCode.BANK_UNALLOWED_DEBIT, "debiting " + amount
                    + " would take account " + account + " below the smallest balance, -" + Amount.MAX_VALUE);
        }
    }

    private static Balance credited(String account, Balance before, Amount amount) {
        try {
            return before.credit(amount);
        } catch (AmountException e) {
            // The registry's status for this code is 400, but the request is well-formed: it
            // conflicts with the account's state, like an unallowed debit.
            throw new TalerErrorException(TalerErrorCode.BANK_NUMBER_TOO_BIG, "crediting " + amount
                    + " would take account " + account + " above the largest balance, " + Amount.MAX_VALUE)
                    .withHttpStatus(409);
        }
    }

    private void index(BankTransaction tx) {
        if (tx.requestUid() != null) {
            requestUids.put(tx.requestUid(), tx.rowId());
        }
        if (tx.kind() == BankTransaction.Kind.INCOMING && tx.reservePub() != null) {
            reserveSubjects.put(canonicalReservePub(tx.reservePub()), tx.rowId());
        }
    }

    private void unindex(BankTransaction tx) {
        if (tx.requestUid() != null) {
            requestUids.remove(tx.requestUid(), tx.rowId());
        }
        if (tx.reservePub() != null) {
            reserveSubjects.remove(canonicalReservePub(tx.reservePub()), tx.rowId());
        }
    }

    private int index(long row) {
        return (int) ((row - 1) % ramLimit);
    }

    /** The transaction with that row id if it is still in the ring; lock held. */
    private BankTransaction slot(long row) {
        if (row < 1 || row >= nextRow) {
            return null;
        }
        BankTransaction tx = ring[index(row)];
        return tx != null && tx.rowId() == row ? tx : null;
    }

    // ---------------------------------------------------------------- history

    /**
     * The wire gateway's history (wire-gateway.md 2.2/2.3): {@link BankTransaction.Kind#INCOMING}
     * credits to, or {@link BankTransaction.Kind#OUTGOING} debits of, {@code account}; at most
     * |delta| rows after (delta &gt; 0) or before (delta &lt; 0) the exclusive {@code start}.
     *
     * @throws TalerErrorException 404 unknown account, 410 if rows after/before start were forgotten
     */
    public List<BankTransaction> history(String account, BankTransaction.Kind kind, long delta, OptionalLong start) {
        if (delta == 0) {
            throw new IllegalArgumentException("delta must not be 0");
        }
        synchronized (lock) {
            if (!accounts.containsKey(account)) {
                throw unknownAccount(account);
            }
            long newest = nextRow - 1;
            long oldest = Math.max(1, nextRow - ramLimit);
            long limit = Math.min(Math.abs(delta), (long) ramLimit);
            List<BankTransaction> out = new ArrayList<>();
            if (delta > 0) {
                long s = start.orElse(0);
                if (s > 0 && s + 1 < oldest) {
                    throw gone(s);
                }
                for (long r = Math.max(s + 1, oldest); r <= newest && out.size() < limit; r++) {
                    addIfMatches(out, slot(r), account, kind);
                }
            } else {
                long s = start.isPresent() ? Math.min(start.getAsLong(), newest + 1) : newest + 1;
                if (s - 1 >= 1 && s - 1 < oldest) {
                    throw gone(s);
                }
                for (long r = s - 1; r >= oldest && out.size() < limit; r--) {
                    addIfMatches(out, slot(r), account, kind);
                }
            }
            return out;
        }
    }

    private static void addIfMatches(List<BankTransaction> out, BankTransaction tx, String account,
            BankTransaction.Kind kind) {
        if (tx == null || tx.kind() != kind) {
            return;
        }
        String party = kind == BankTransaction.Kind.INCOMING ? tx.creditAccount() : tx.debitAccount();
        if (party.equals(account)) {
            out.add(tx);
        }
    }

    /** Row id of the newest transaction (0 if none). */
    public long lastRowId() {
        synchronized (lock) {
            return nextRow - 1;
        }
    }

    /** For tests: the transaction with that row id, if still remembered. */
    public Optional<BankTransaction> transaction(long rowId) {
        synchronized (lock) {
            return Optional.ofNullable(slot(rowId));
        }
    }

    /** For tests: every remembered transaction, by ascending row id. */
    public List<BankTransaction> transactions() {
        synchronized (lock) {
            List<BankTransaction> out = new ArrayList<>();
            for (long r = Math.max(1, nextRow - ramLimit); r < nextRow; r++) {
                BankTransaction tx = slot(r);
                if (tx != null) {
                    out.add(tx);
                }
            }
            return out;
        }
    }

    /**
     * For tests: replaces a remembered transaction by {@code change(old)} (same row id; balances are
     * not adjusted, so the bank's books deliberately disagree with reality).
     *
     * @return the new record, or empty if the row is not remembered
     */
    public Optional<BankTransaction> modify(long rowId, UnaryOperator<BankTransaction> change) {
        synchronized (lock) {
            BankTransaction old = slot(rowId);
            if (old == null) {
                return Optional.empty();
            }
            BankTransaction now = change.apply(old);
            if (now == null || now.rowId() != rowId) {
                throw new IllegalArgumentException("modification must keep row id " + rowId);
            }
            checkCurrency(now.amount());
            unindex(old);
            ring[index(rowId)] = now;
            index(now);
            return Optional.of(now);
        }
    }

    /** For tests: forgets a transaction (as if the ring had overwritten it); true if it existed. */
    public boolean delete(long rowId) {
        synchronized (lock) {
            BankTransaction old = slot(rowId);
            if (old == null) {
                return false;
            }
            unindex(old);
            ring[index(rowId)] = null;
            return true;
        }
    }

    // ---------------------------------------------------------------- withdrawals

    /** {@code POST accounts/{name}/withdrawals}: a new operation with a random 32-byte id. */
    public Withdrawal createWithdrawal(String account, Amount amount) {
        checkCurrency(amount);
        synchronized (lock) {
            if (!accounts.containsKey(account)) {
                throw unknownAccount(account);
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String id = Crockford.encode(raw);
            Operation op = new Operation(id, account, amount);
            withdrawals.put(id, op);
            return op.snapshot();
        }
    }

    public Optional<Withdrawal> withdrawal(String id) {
        synchronized (lock) {
            Operation op = withdrawals.get(id);
            return op == null ? Optional.empty() : Optional.of(op.snapshot());
        }
    }

    /**
     * The wallet's selection (bank integration API POST). Re-posting the same selection is fine.
     *
     * @param exchangeAccount the account named by {@code exchangePayto}; must exist
     */
    public Withdrawal selectWithdrawal(String id, String reservePub, String exchangeAccount, String exchangePayto) {
        Withdrawal snap;
        synchronized (lock) {
            Operation op = operation(id);
            if (!accounts.containsKey(exchangeAccount)) {
                throw unknownAccount(exchangeAccount);
            }
            if (op.aborted) {
                throw new TalerErrorException(TalerErrorCode.BANK_CONFIRM_ABORT_CONFLICT,
                        "withdrawal operation was aborted");
            }
            String key = canonicalReservePub(reservePub);
            if (op.reservePub != null) {
                if (!canonicalReservePub(op.reservePub).equals(key) || !op.exchangeAccount.equals(exchangeAccount)) {
                    throw new TalerErrorException(TalerErrorCode.BANK_WITHDRAWAL_OPERATION_RESERVE_SELECTION_CONFLICT,
                            "a different reserve or exchange was selected before");
                }
                return op.snapshot();
            }
            if (reserveSubjects.containsKey(key)) {
                throw duplicateReserve(reservePub);
            }
            op.reservePub = reservePub;
            op.exchangeAccount = exchangeAccount;
            op.exchangePayto = exchangePayto;
            snap = op.snapshot();
        }
        events.withdrawalChanged(id);
        return snap;
    }

    /**
     * Confirms: books the credit from the paying account to the selected exchange account with
     * the reserve as subject. Confirming twice is harmless.
     */
    public Withdrawal confirmWithdrawal(String id) {
        BankTransaction tx;
        Withdrawal snap;
        synchronized (lock) {
            Operation op = operation(id);
            if (op.aborted) {
                throw new TalerErrorException(TalerErrorCode.BANK_CONFIRM_ABORT_CONFLICT,
                        "withdrawal operation was aborted");
            }
            if (op.reservePub == null) {
                throw new TalerErrorException(TalerErrorCode.BANK_POST_WITHDRAWAL_OPERATION_REQUIRED,
                        "the wallet has not selected an exchange and reserve yet");
            }
            if (op.confirmed) {
                return op.snapshot();
            }
            if (reserveSubjects.containsKey(canonicalReservePub(op.reservePub))) {
                throw duplicateReserve(op.reservePub);
            }
            tx = book(op.account, op.exchangeAccount, op.amount, BankTransaction.Kind.INCOMING, op.reservePub, null,
                    null, null);
            op.confirmed = true;
            op.rowId = tx.rowId();
            snap = op.snapshot();
        }
        events.transactionBooked(tx);
        events.withdrawalChanged(id);
        return snap;
    }

    /** Aborts; aborting twice is harmless, aborting a confirmed operation is a conflict. */
    public Withdrawal abortWithdrawal(String id) {
        Withdrawal snap;
        synchronized (lock) {
            Operation op = operation(id);
            if (op.confirmed) {
                throw new TalerErrorException(TalerErrorCode.BANK_ABORT_CONFIRM_CONFLICT,
                        "withdrawal operation was already confirmed");
            }
            op.aborted = true;
            snap = op.snapshot();
        }
        events.withdrawalChanged(id);
        return snap;
    }

    private Operation operation(String id) {
        Operation op = withdrawals.get(id);
        if (op == null) {
            throw new TalerErrorException(TalerErrorCode.BANK_TRANSACTION_NOT_FOUND,
                    "unknown withdrawal operation " + id);
        }
        return op;
    }

    // ---------------------------------------------------------------- helpers

    private void checkCurrency(Amount a) {
        if (!a.isCurrency(currency)) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_CURRENCY_MISMATCH,
                    "currency must be " + currency + ", got " + a.currency()).withHttpStatus(409);
        }
    }

    /** Reserve keys are compared by their bytes, whatever the base32 spelling. */
    private static String canonicalReservePub(String reservePub) {
        Objects.requireNonNull(reservePub, "reservePub");
        try {
            return Crockford.encode(Crockford.decode(reservePub));
        } catch (RuntimeException e) {
            return reservePub; // tests may store arbitrary subjects; compare them verbatim
        }
    }

    static TalerErrorException unknownAccount(String name) {
        return new TalerErrorException(TalerErrorCode.BANK_UNKNOWN_ACCOUNT, "unknown account " + name);
    }

    private static TalerErrorException gone(long start) {
        return new TalerErrorException(TalerErrorCode.BANK_ANCIENT_TRANSACTION_GONE,
                "transactions next to row " + start + " were forgotten (RAM_LIMIT)");
    }

    private static TalerErrorException duplicateReserve(String reservePub) {
        return new TalerErrorException(TalerErrorCode.BANK_DUPLICATE_RESERVE_PUB_SUBJECT,
                "reserve public key " + reservePub + " was already used as a subject");
    }
}
