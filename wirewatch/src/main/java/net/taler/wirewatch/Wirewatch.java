package net.taler.wirewatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.bank.IncomingTransaction;
import net.taler.common.bank.WireGatewayClient;
import net.taler.common.bank.WireGatewayException;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.Shutdown;
import net.taler.db.conn.DbException;
import net.taler.db.conn.OutageBackoff;
import net.taler.db.shard.WorkShards;
import net.taler.db.shard.WorkShards.Shard;

/**
 * The import loop of one account (operations.md 3.4). Bank row ids are split into shards
 * {@code (start, end]} coordinated through {@code work_shards} (job
 * {@code wirewatch-<account section>}), so several wirewatch processes share the work and a
 * crashed one's shard is taken over once its lock has expired. Within a shard the loop pages
 * through {@code history/incoming} and imports each page in READ COMMITTED transactions
 * ({@link CreditImporter}); the shard is marked completed once the bank shows a row beyond its
 * end. A shard left unfinished (nothing more at the bank yet, stop, error) is given back at
 * once, so the next pass or process continues it without waiting for the lock to expire.
 * An unreachable database is ridden out with {@link OutageBackoff} (not in test mode).
 */
final class Wirewatch {
    private static final Logger LOG = Logger.getLogger(Wirewatch.class.getName());
    /** Attempts for a shard bookkeeping transaction that keeps conflicting. */
    static final int SHARD_TX_ATTEMPTS = 20;
    /** How often a waiting history request checks for a stop request. */
    private static final long STOP_POLL_MS = 100;

    private final WirewatchSettings settings;
    private final WireGatewayClient bank;
    private final WorkShards shards;
    private final CreditImporter importer;
    private final BatchSize batch;
    private final Shutdown stop;
    private final Clock clock;
    private final String job;
    private Duration lastShardDuration = Duration.ZERO;
    private final AtomicLong credited = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    /** Failed database attempts while it was unreachable (monitoring, tests). */
    private final AtomicLong outages = new AtomicLong();
    private final OutageBackoff outage;
    /** A shard held when the database went away, to give back once it is reachable again. */
    private Shard unreleased;

    Wirewatch(WirewatchSettings settings, WireGatewayClient bank, WorkShards shards, CreditImporter importer,
            BatchSize batch, Shutdown stop, Clock clock) {
        this.settings = settings;
        this.bank = bank;
        this.shards = shards;
        this.importer = importer;
        this.batch = batch;
        this.stop = stop;
        this.clock = clock;
        this.job = jobName(settings.account().section());
        this.outage = new OutageBackoff("wirewatch " + settings.account().section(), LOG, clock,
                OutageBackoff.DEFAULT_CAP);
    }

    /** The {@code work_shards} job of an account. */
    static String jobName(String accountSection) {
        return "wirewatch-" + accountSection;
    }

    /** Credits newly imported, replays and skipped conflicts so far. */
    long credited() {
        return credited.get();
    }

    long replayed() {
        return replayed.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    /** Database attempts that failed because it was unreachable. */
    long unavailableAttempts() {
        return outages.get();
    }

    private enum Outcome {
        /** The bank showed a row beyond the shard: shard completed. */
        COMPLETED,
        /** Nothing (more) at the bank for now. */
        IDLE,
        /** A bank request failed (already logged). */
        BANK_ERROR,
        /** Stop requested. */
        STOPPED
    }

    /**
     * Runs until stopped (0), or in test mode until a pass finds nothing new (0); 1 on fatal
     * errors. Outside test mode an unreachable database is not fatal: the loop backs off and
     * resumes where the database has it (docs/concurrency.md, "Database outages"); re-importing
     * a batch whose commit was lost with the connection is a replay, so nothing is lost or
     * credited twice.
     */
    int run() throws InterruptedException {
        while (!stop.isRequested()) {
            Shard shard;
            try {
                if (unreleased != null) {
                    // released only now that the database is back: so this loop (or another
                    // process) continues it at once instead of after its lock has expired
                    Shard s = unreleased;
                    shardTx(() -> {
                        shards.abort(s);
                        return null;
                    });
                    unreleased = null;
                }
                shard = shardTx(() -> shards.begin(job, lockTime(), settings.shardSize()));
                outage.succeeded();
            } catch (DbException e) {
                Integer exit = afterDbFailure(e, "taking a shard");
                if (exit != null) {
                    return exit;
                }
                continue;
            }
            Instant started = clock.instant();
            LOG.fine(() -> "working on shard " + shard.startRow() + ".." + shard.endRow() + " of " + job);
            Outcome o;
            try {
                o = work(shard);
            } catch (WireGatewayException e) {
                // invalid replies (e.g. row ids out of order) mean the bank is broken: never retried
                giveBack(shard);
                LOG.severe(e.getMessage());
                return ExitCodes.FAILURE;
            } catch (DbException e) {
                if (e instanceof DbException.Unavailable) {
                    unreleased = shard;
                } else {
                    giveBack(shard);
                }
                Integer exit = afterDbFailure(e, "importing credits");
                if (exit != null) {
                    return exit;
                }
                continue;
            }
            switch (o) {
                case COMPLETED -> {
                    lastShardDuration = Duration.between(started, clock.instant());
                    try {
                        shardTx(() -> {
                            shards.complete(shard);
                            return null;
                        });
                    } catch (DbException e) {
                        // its credits are in; the shard is imported again (replays) and completed later
                        unreleased = e instanceof DbException.Unavailable ? shard : null;
                        Integer exit = afterDbFailure(e, "completing a shard");
                        if (exit != null) {
                            return exit;
                        }
                    }
                }
                case STOPPED -> {
                    giveBack(shard);
                    return ExitCodes.OK;
                }
                case IDLE -> {
                    giveBack(shard);
                    if (settings.testMode()) {
                        LOG.info("no new incoming transfers for " + settings.account().section()
                                + " (imported " + credited.get() + ")");
                        return ExitCodes.OK;
                    }
                    if (stop.sleep(settings.idleSleep())) {
                        return ExitCodes.OK;
                    }
                }
                case BANK_ERROR -> {
                    giveBack(shard);
                    if (settings.exitOnError()) {
                        return ExitCodes.FAILURE;
                    }
                    if (stop.sleep(settings.idleSleep().isZero() ? Duration.ofSeconds(1) : settings.idleSleep())) {
                        return ExitCodes.OK;
                    }
                }
            }
        }
        if (unreleased != null) {
            giveBack(unreleased);
        }
        return ExitCodes.OK;
    }

    /**
     * Decides what a database failure means: null to go on (after waiting out the back-off), or
     * the exit code. Only an unreachable database is ridden out, and only outside test mode (a
     * run-once exits 1 as upstream, so its caller learns at once); anything else (missing
     * schema, constraint violations, persistent conflicts) is fatal.
     */
    private Integer afterDbFailure(DbException e, String doing) throws InterruptedException {
        if (!(e instanceof DbException.Unavailable u)) {
            LOG.severe("database failure while " + doing + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (settings.testMode()) {
            LOG.severe("exchange database unavailable while " + doing + " (test mode, not waiting): "
                    + e.getMessage());
            return ExitCodes.FAILURE;
        }
        outages.incrementAndGet();
        Duration wait = outage.failed(u);
        return stop.sleep(wait) ? ExitCodes.OK : null;
    }

    /**
     * How long another worker must have left a shard untouched before this one takes it over:
     * random in [0, 4·max(idle sleep, last shard duration · workers)) as upstream, so workers
     * do not all reclaim at the same moment.
     */
    Duration lockTime() {
        Duration base = lastShardDuration.multipliedBy(settings.workers());
        if (base.compareTo(settings.idleSleep()) < 0) {
            base = settings.idleSleep();
        }
        long maxMicros = Math.max(1, base.multipliedBy(4).toNanos() / 1000);
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1000);
    }

    /** Imports the shard's rows; returns how the shard ended. */
    private Outcome work(Shard shard) throws WireGatewayException, InterruptedException {
        long latest = shard.startRow();
        while (true) {
            if (stop.isRequested()) {
                return Outcome.STOPPED;
            }
            int limit = (int) Math.min(batch.get(), shard.endRow() - latest);
            List<IncomingTransaction> txs;
            try {
                txs = fetch(latest, limit);
            } catch (WireGatewayException e) {
                if (e.kind() == WireGatewayException.Kind.INVALID_REPLY) {
                    throw e;
                }
                if (e.httpStatus() == 404 && settings.ignoreNotFound()) {
                    return Outcome.IDLE;
                }
                LOG.warning(e.getMessage());
                return Outcome.BANK_ERROR;
            }
            if (txs == null) {
                return Outcome.STOPPED;
            }
            if (txs.isEmpty()) {
                return Outcome.IDLE;
            }
            int inShard = 0;
            while (inShard < txs.size() && txs.get(inShard).rowId() <= shard.endRow()) {
                inShard++;
            }
            // rows are strictly increasing, so a row beyond the end means all of ours have been seen
            boolean done = inShard < txs.size();
            if (inShard > 0) {
                List<IncomingTransaction> mine = txs.subList(0, inShard);
                CreditImporter.Counts c = importer.importAll(mine);
                credited.addAndGet(c.credited());
                replayed.addAndGet(c.replayed());
                conflicts.addAndGet(c.conflicting());
                latest = mine.get(mine.size() - 1).rowId();
                LOG.info("imported " + c.credited() + " credits (" + c.replayed() + " known, " + c.conflicting()
                        + " conflicting) from bank rows " + mine.get(0).rowId() + ".." + latest + " of "
                        + settings.account().section());
                done |= latest == shard.endRow();
            }
            if (done) {
                return Outcome.COMPLETED;
            }
        }
    }

    /**
     * One history request; waits for the answer but gives up (returns null) when a stop is
     * requested, so a long poll does not delay shutdown.
     */
    private List<IncomingTransaction> fetch(long start, int limit) throws WireGatewayException, InterruptedException {
        CompletableFuture<List<IncomingTransaction>> f = bank.incomingHistoryAsync(start, limit, settings.longPoll());
        while (true) {
            try {
                return f.get(STOP_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (stop.isRequested()) {
                    f.cancel(true);
                    return null;
                }
            } catch (ExecutionException e) {
                throw WireGatewayClient.unwrap(e);
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            }
        }
    }

    private void giveBack(Shard shard) {
        try {
            shardTx(() -> {
                shards.abort(shard);
                return null;
            });
        } catch (DbException e) {
            // the shard's lock simply expires then
            LOG.log(e instanceof DbException.Unavailable ? Level.FINE : Level.WARNING,
                    "could not release shard " + shard + ": " + e.getMessage());
        }
    }

    /** Runs shard bookkeeping, retrying serialization conflicts with parallel workers. */
    private <T> T shardTx(Supplier<T> tx) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.get();
            } catch (DbException e) {
                if (!CreditImporter.isSoft(e) || attempt >= SHARD_TX_ATTEMPTS) {
                    throw e;
                }
                long maxMicros = Math.min(100_000L, 1000L << Math.min(attempt, 7));
                java.util.concurrent.locks.LockSupport.parkNanos(
                        ThreadLocalRandom.current().nextLong(100, maxMicros) * 1000L);
            }
        }
    }
}
