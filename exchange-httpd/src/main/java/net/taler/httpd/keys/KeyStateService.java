package net.taler.httpd.keys;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.json.TalerJson;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.SigningKey;
import net.taler.common.keys.WireFee;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.PgConnectionString;
import net.taler.db.keys.KeyStateReader;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;
import net.taler.httpd.ExchangeSettings;

/**
 * Keeps the current {@link KeyState}. It is rebuilt (on a background thread) when another
 * process announces a change by NOTIFY, when a security module announces or purges keys, and
 * when a key or fee period begins or ends; management uploads of this process rebuild it
 * synchronously before they answer, so the uploader sees its change at once.
 */
public final class KeyStateService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeyStateService.class.getName());
    private static final ObjectMapper M = TalerJson.mapper();
    /** Rebuild at least this often even if nothing announced a change. */
    private static final long MAX_AGE_MILLIS = 5 * 60_000L;
    private static final long RETRY_MILLIS = 2_000L;

    private final ExchangeSettings settings;
    private final Map<String, CoinSection> sections;
    private final ObjectNode extensionManifests;
    private final KeyStateReader repo;
    private final RsaSecmodClient rsa;
    private final CsSecmodClient cs;
    private final EddsaSecmodClient eddsa;
    private final Clock clock;
    private final PgConnectionString.JdbcTarget notifyTarget;

    private final Object lock = new Object();
    private volatile KeyState current;
    private boolean dirty = true;
    private volatile boolean closed;
    private Thread rebuilder;
    private Thread listener;

    public KeyStateService(ExchangeSettings settings, Map<String, CoinSection> sections, ObjectNode extensionManifests,
            KeyStateReader repo, RsaSecmodClient rsa, CsSecmodClient cs, EddsaSecmodClient eddsa, Clock clock,
            PgConnectionString.JdbcTarget notifyTarget) {
        this.settings = settings;
        this.sections = sections;
        this.extensionManifests = extensionManifests;
        this.repo = repo;
        this.rsa = rsa;
        this.cs = cs;
        this.eddsa = eddsa;
        this.clock = clock;
        this.notifyTarget = notifyTarget;
    }

    /** The {@code [coin_*]} sections (a malformed one is a configuration error, exit 6). */
    public static Map<String, CoinSection> coinSections(net.taler.common.config.TalerConfig cfg, String currency) {
        return CoinSection.all(cfg, currency);
    }

    /** Starts the helper watches, the NOTIFY listener and the rebuild thread. */
    public void start() {
        for (var c : new net.taler.common.secmod.client.SecmodClient<?, ?>[] {rsa, cs, eddsa}) {
            if (c != null) {
                c.addKeyListener(this::markDirty);
                c.isSynced(); // starts the watch connection
            }
        }
        rebuilder = new Thread(this::rebuildLoop, "keystate-rebuild");
        rebuilder.setDaemon(true);
        rebuilder.start();
        if (notifyTarget != null) {
            listener = new Thread(this::listenLoop, "keystate-notify");
            listener.setDaemon(true);
            listener.start();
        }
    }

    /** The current state, or null before the first successful build. */
    public KeyState current() {
        return current;
    }

    /** Asks the background thread for a rebuild. */
    public void markDirty() {
        synchronized (lock) {
            dirty = true;
            lock.notifyAll();
        }
    }

    /** Rebuilds now on the calling thread (blocking: database and secmod-eddsa); returns the new state. */
    public KeyState rebuildNow() throws Exception {
        synchronized (this) { // publish under the build lock, so an older build never replaces a newer one
            KeyState s = build(Timestamp.now(clock));
            current = s;
            return s;
        }
    }

    /** A state for another time ({@code -a} time travel of clients); not cached. */
    public KeyState buildAt(Timestamp when) throws Exception {
        return build(when);
    }

    /** What the helpers announce now (fresh, not from the cached state). */
    public HelperKeys helperKeys() {
        return HelperKeys.read(rsa, cs, eddsa, sections, settings.signkeyLegalDuration());
    }

    public RsaSecmodClient rsa() {
        return rsa;
    }

    public CsSecmodClient cs() {
        return cs;
    }

    public EddsaSecmodClient eddsa() {
        return eddsa;
    }

    private KeyState build(Timestamp now) throws Exception {
        synchronized (this) { // one build at a time: each costs two helper signatures
            KeyStateSnapshot snap = repo.readKeyState(now);
            HelperKeys helper = helperKeys();
            KeysDocument.Result keys = KeysDocument.build(settings, snap, extensionManifests, this::sign);
            WireDocument.Result wire = WireDocument.build(settings, snap);
            Timestamp boundary = nextBoundary(snap, now);
            long nowMillis = now.toInstant().toEpochMilli();
            CachedReply keysReply = null;
            if (keys.body() != null) {
                long maxCache = settings.maxKeysCaching().isForever() ? Long.MAX_VALUE / 2
                        : settings.maxKeysCaching().micros() / 1000;
                long untilBoundary = boundary == null ? Long.MAX_VALUE / 2
                        : Math.max(0, boundary.toInstant().toEpochMilli() - nowMillis);
                keysReply = CachedReply.of(M.writeValueAsBytes(keys.body()),
                        nowMillis + Math.min(Math.min(maxCache, untilBoundary), 365L * 24 * 3600_000), nowMillis);
            }
            CachedReply wireReply = wire.json() == null ? null
                    : CachedReply.withEtag(wire.json(), wire.etag(),
                            wire.expires() == null || wire.expires().isNever() ? 0 : wire.expires().toInstant().toEpochMilli(),
                            nowMillis);
            if (keys.unavailable() != null) {
                LOG.fine(() -> "/keys not available: " + keys.unavailable());
            }
            return new KeyState(now, helper, snap, keysReply, keys.unavailable(), wireReply, wire.error(),
                    wire.detail(), managementKeys(helper, snap), boundary);
        }
    }

    private KeysDocument.Signed sign(net.taler.common.sig.exchange.KeySet ks) {
        net.taler.httpd.sign.OnlineSigner.Signed s = new net.taler.httpd.sign.OnlineSigner(() -> eddsa).sign(ks);
        return new KeysDocument.Signed(s.exchangePub(), s.signature());
    }

    /** The {@code GET /management/keys} body: helper keys without a master signature in the database. */
    private byte[] managementKeys(HelperKeys helper, KeyStateSnapshot snap) throws Exception {
        java.util.Set<net.taler.common.crypto.HashCode> signed = new java.util.HashSet<>();
        for (Denomination d : snap.denominations()) {
            signed.add(d.hDenomPub());
        }
        java.util.Set<net.taler.common.crypto.EddsaPublicKey> signedKeys = new java.util.HashSet<>();
        for (SigningKey k : snap.signingKeys()) {
            signedKeys.add(k.exchangePub());
        }
        ObjectNode o = M.createObjectNode();
        ArrayNode fd = o.putArray("future_denoms");
        List<HelperKeys.Denom> denoms = new ArrayList<>(helper.denoms().values());
        denoms.sort(Comparator.comparing(HelperKeys.Denom::start).thenComparing(d -> d.hDenomPub().toBase32()));
        for (HelperKeys.Denom d : denoms) {
            if (signed.contains(d.hDenomPub())) {
                continue;
            }
            ObjectNode n = fd.addObject();
            n.put("section_name", d.section().name());
            ObjectNode pub = n.putObject("denom_pub");
            if (d.isRsa()) {
                pub.put("cipher", "RSA");
                pub.put("age_mask", d.section().ageMask().bits());
                pub.put("rsa_public_key", d.rsa().toBase32());
            } else {
                pub.put("cipher", "CS");
                pub.put("age_mask", d.section().ageMask().bits());
                pub.put("cs_public_key", d.cs().toBase32());
            }
            n.put("value", d.section().value().toString());
            n.put("fee_withdraw", d.section().feeWithdraw().toString());
            n.put("fee_deposit", d.section().feeDeposit().toString());
            n.put("fee_refresh", d.section().feeRefresh().toString());
            n.put("fee_refund", d.section().feeRefund().toString());
            n.set("stamp_start", M.valueToTree(d.start()));
            n.set("stamp_expire_withdraw", M.valueToTree(d.expireWithdraw()));
            n.set("stamp_expire_deposit", M.valueToTree(d.expireDeposit()));
            n.set("stamp_expire_legal", M.valueToTree(d.expireLegal()));
            n.put("denom_secmod_sig", d.smSig().toBase32());
        }
        ArrayNode fs = o.putArray("future_signkeys");
        List<HelperKeys.Signkey> sks = new ArrayList<>(helper.signkeys().values());
        sks.sort(Comparator.comparing(HelperKeys.Signkey::start).thenComparing(k -> k.pub().toBase32()));
        for (HelperKeys.Signkey k : sks) {
            if (signedKeys.contains(k.pub())) {
                continue;
            }
            ObjectNode n = fs.addObject();
            n.put("key", k.pub().toBase32());
            n.set("stamp_start", M.valueToTree(k.start()));
            n.set("stamp_expire", M.valueToTree(k.expire()));
            n.set("stamp_end", M.valueToTree(k.end()));
            n.put("signkey_secmod_sig", k.smSig().toBase32());
        }
        o.put("master_pub", settings.masterPub().toBase32());
        o.put("denom_secmod_public_key", helper.rsaSmPub().toBase32());
        o.put("denom_secmod_cs_public_key", helper.csSmPub().toBase32());
        o.put("signkey_secmod_public_key", helper.eddsaSmPub().toBase32());
        return M.writeValueAsBytes(o);
    }

    /** The earliest future start or end of a listed key or fee period (null if none). */
    static Timestamp nextBoundary(KeyStateSnapshot snap, Timestamp now) {
        List<Timestamp> t = new ArrayList<>();
        for (Denomination d : snap.denominations()) {
            t.add(d.validFrom());
            t.add(d.expireWithdraw());
            t.add(d.expireDeposit());
        }
        for (SigningKey k : snap.signingKeys()) {
            t.add(k.validFrom());
            t.add(k.expireSign());
        }
        for (WireFee f : snap.wireFees()) {
            t.add(f.startDate());
            t.add(f.endDate());
        }
        for (GlobalFee f : snap.globalFees()) {
            t.add(f.startDate());
            t.add(f.endDate());
        }
        Timestamp best = null;
        for (Timestamp x : t) {
            if (!x.isNever() && x.isAfter(now) && (best == null || x.isBefore(best))) {
                best = x;
            }
        }
        return best;
    }

    private void rebuildLoop() {
        while (!closed) {
            try {
                synchronized (lock) {
                    long wait = waitMillis();
                    while (!dirty && wait > 0 && !closed) {
                        lock.wait(wait);
                        wait = waitMillis();
                    }
                    dirty = false;
                }
                if (closed) {
                    return;
                }
                rebuildNow();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "rebuilding the key state failed (will retry): " + e.getMessage(),
                        LOG.isLoggable(Level.FINE) ? e : null);
                sleepQuietly(RETRY_MILLIS);
                markDirty();
            }
        }
    }

    private long waitMillis() {
        KeyState s = current;
        if (s == null) {
            return 0;
        }
        long now = clock.millis();
        long due = s.builtAt().toInstant().toEpochMilli() + MAX_AGE_MILLIS;
        if (s.nextBoundary() != null) {
            due = Math.min(due, s.nextBoundary().toInstant().toEpochMilli() + 1000);
        }
        return Math.max(0, due - now);
    }

    private void listenLoop() {
        while (!closed) {
            try (Notifications.Listener l = Notifications.listen(notifyTarget, Channel.EXCHANGE_KEYS_UPDATED,
                    Channel.EXCHANGE_WIRE_UPDATED, Channel.EXCHANGE_EXTENSIONS_UPDATED)) {
                markDirty(); // anything may have changed while we were not listening
                while (!closed) {
                    if (!l.poll(1000).isEmpty()) {
                        markDirty();
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    LOG.warning("LISTEN connection failed, reconnecting: " + e.getMessage());
                    sleepQuietly(RETRY_MILLIS);
                }
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        markDirty();
        if (rebuilder != null) {
            rebuilder.interrupt();
        }
        if (listener != null) {
            listener.interrupt();
        }
    }
}
