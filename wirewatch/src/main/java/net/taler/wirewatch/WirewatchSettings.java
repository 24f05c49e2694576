package net.taler.wirewatch;

import java.time.Duration;

import net.taler.common.bank.ExchangeAccounts.ExchangeAccount;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.TalerSettings;
import net.taler.common.time.RelativeTime;

/**
 * Everything the import loop needs besides its collaborators (operations.md 3.4).
 *
 * @param currency {@code [taler] CURRENCY}
 * @param account the credit-enabled account being watched
 * @param idleSleep {@code [exchange] WIREWATCH_IDLE_SLEEP_INTERVAL}: pause after an empty pass
 * @param idleReserveExpiration {@code [exchangedb] IDLE_RESERVE_EXPIRATION_TIME}: added to the
 *     transfer date for the reserve's expiration (closing) date
 * @param legalReserveExpiration {@code [exchangedb] LEGAL_RESERVE_EXPIRATION_TIME}: added to the
 *     transfer date for the reserve's garbage-collection date
 * @param shardSize {@code -S}: bank row ids per shard
 * @param workers {@code -w}: expected parallel wirewatch processes (sizes shard lock times)
 * @param testMode {@code -t}: no long-poll, exit once a pass finds nothing new
 * @param exitOnError {@code -e}: a failed bank request ends the process
 * @param ignoreNotFound {@code -I}: a 404 from the bank means "nothing there yet"
 * @param longPoll how long the bank may hold a history request open (60 s; 0 in test mode)
 */
record WirewatchSettings(String currency, ExchangeAccount account, Duration idleSleep,
        RelativeTime idleReserveExpiration, RelativeTime legalReserveExpiration, long shardSize, int workers,
        boolean testMode, boolean exitOnError, boolean ignoreNotFound, Duration longPoll) {
    static final String EXCHANGE = "exchange";
    static final String EXCHANGEDB = "exchangedb";
    /** Long-poll time of a history request outside test mode. */
    static final Duration LONG_POLL = Duration.ofSeconds(60);

    /** The configuration values of wirewatch; a missing or bad one is a ConfigException (exit 6). */
    record FromConfig(String currency, Duration idleSleep, RelativeTime idleReserveExpiration,
            RelativeTime legalReserveExpiration) {
    }

    /** Adds these settings to the start-up log. */
    EffectiveSettings describe(EffectiveSettings s, TalerConfig cfg) {
        return s.add("taler", "CURRENCY", currency)
                .add(account.section(), "PAYTO_URI", account.paytoUri())
                .addSection(cfg, account.credentialsSection())
                .add(EXCHANGE, "WIREWATCH_IDLE_SLEEP_INTERVAL", idleSleep)
                .add(EXCHANGEDB, "IDLE_RESERVE_EXPIRATION_TIME", idleReserveExpiration)
                .add(EXCHANGEDB, "LEGAL_RESERVE_EXPIRATION_TIME", legalReserveExpiration)
                .note("-S (shard size)", shardSize).note("-w (workers)", workers).note("-t (test mode)", testMode)
                .note("-e (exit on error)", exitOnError).note("-I (ignore not found)", ignoreNotFound)
                .note("long poll", longPoll);
    }

    static FromConfig readConfig(TalerConfig cfg) {
        String currency = TalerSettings.currency(cfg);
        RelativeTime idle = cfg.requireRelativeTime(EXCHANGE, "WIREWATCH_IDLE_SLEEP_INTERVAL");
        if (idle.isForever()) {
            throw cfg.invalid(EXCHANGE, "WIREWATCH_IDLE_SLEEP_INTERVAL", "a finite relative time", null);
        }
        RelativeTime idleExp = TalerSettings.idleReserveExpiration(cfg);
        RelativeTime legalExp = TalerSettings.legalReserveExpiration(cfg);
        return new FromConfig(currency, idle.toDuration(), idleExp, legalExp);
    }
}
