package net.taler.wirewatch;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.bank.IncomingTransaction;
import net.taler.common.crypto.Hashes;
import net.taler.common.time.RelativeTime;
import net.taler.db.conn.DbException;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.reserve.ReserveRepository.Credit;
import net.taler.db.reserve.ReserveRepository.CreditResult;

/**
 * Writes bank credits into the exchange database: each batch in one READ COMMITTED transaction
 * (database.md 1: wirewatch inserts only, so the weaker level is safe and avoids serialization
 * failures between parallel importers), through {@code exchange_do_reserve_credit}, which creates
 * or tops up the reserve and NOTIFYs its long-pollers. A replay of an already imported row is
 * fine; a credit for a reserve already funded by another bank row is logged and skipped, never
 * fatal (the bank should have refused it).
 */
final class CreditImporter {
    private static final Logger LOG = Logger.getLogger(CreditImporter.class.getName());
    /** Consecutive serialization failures (at batch size 1) before giving up. */
    static final int MAX_SOFT_FAILURES = 20;

    /** What happened to the credits of one call. */
    record Counts(int credited, int replayed, int conflicting) {
        Counts plus(Counts o) {
            return new Counts(credited + o.credited, replayed + o.replayed, conflicting + o.conflicting);
        }
    }

    private final ExchangeDb db;
    private final ReserveRepository reserves;
    private final String accountSection;
    private final RelativeTime idleExpiration;
    private final RelativeTime legalExpiration;
    private final BatchSize batch;

    CreditImporter(ExchangeDb db, ReserveRepository reserves, WirewatchSettings s, BatchSize batch) {
        this.db = db;
        this.reserves = reserves;
        this.accountSection = s.account().section();
        this.idleExpiration = s.idleReserveExpiration();
        this.legalExpiration = s.legalReserveExpiration();
        this.batch = batch;
    }

    /** The database row for one bank credit. */
    Credit credit(IncomingTransaction t) {
        return new Credit(t.reservePub(), t.amount(), t.date(), Hashes.hPayto(t.debitAccount()), t.debitAccount(),
                accountSection, t.rowId(), t.date().plus(idleExpiration), t.date().plus(legalExpiration));
    }

    /**
     * Imports {@code txs} (in bank order) in transactions of the current batch size, halving it
     * after a serialization failure and retrying the rest.
     *
     * @throws DbException on hard database errors or persistent conflicts
     */
    Counts importAll(List<IncomingTransaction> txs) {
        Counts total = new Counts(0, 0, 0);
        int i = 0;
        int softFailures = 0;
        while (i < txs.size()) {
            int n = Math.min(batch.get(), txs.size() - i);
            List<IncomingTransaction> chunk = txs.subList(i, i + n);
            try {
                total = total.plus(importChunk(chunk));
                batch.succeeded();
                softFailures = 0;
                i += n;
            } catch (DbException e) {
                if (!isSoft(e) || ++softFailures > MAX_SOFT_FAILURES) {
                    throw e;
                }
                batch.failed();
                LOG.fine("serialization failure importing " + n + " credits; batch size now " + batch.get());
            }
        }
        return total;
    }

    private Counts importChunk(List<IncomingTransaction> chunk) {
        List<Credit> credits = new ArrayList<>(chunk.size());
        for (IncomingTransaction t : chunk) {
            credits.add(credit(t));
        }
        List<CreditResult> results = db.inTransaction(Connection.TRANSACTION_READ_COMMITTED, c -> {
            List<CreditResult> out = new ArrayList<>(credits.size());
            for (Credit cr : credits) {
                out.add(reserves.credit(c, cr));
            }
            return out;
        });
        // logged after the commit: the transaction may run several times
        int credited = 0;
        int replayed = 0;
        int conflicting = 0;
        for (int k = 0; k < results.size(); k++) {
            IncomingTransaction t = chunk.get(k);
            switch (results.get(k).status()) {
                case CREDITED -> {
                    credited++;
                    LOG.fine(() -> "credited " + t.amount() + " to reserve " + t.reservePub().toBase32()
                            + " (bank row " + t.rowId() + ")");
                }
                case REPLAY -> {
                    replayed++;
                    LOG.fine(() -> "bank row " + t.rowId() + " was imported before");
                }
                case CONFLICT -> {
                    conflicting++;
                    LOG.log(Level.WARNING, "bank row {0} of {1}: reserve {2} was already funded by another "
                            + "transfer; skipping this credit of {3} from {4}", new Object[] {t.rowId(),
                            accountSection, t.reservePub().toBase32(), t.amount(), t.debitAccount()});
                }
            }
        }
        return new Counts(credited, replayed, conflicting);
    }

    static boolean isSoft(DbException e) {
        if (e instanceof DbException.RetriesExhausted) {
            return true;
        }
        String st = e.sqlState();
        return "40001".equals(st) || "40P01".equals(st);
    }
}
