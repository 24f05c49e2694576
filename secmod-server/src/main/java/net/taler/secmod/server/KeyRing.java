package net.taler.secmod.server;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * The key lifecycle shared by the three helpers (secmod.md 4): per {@link Series} a list of
 * keys ordered by anchor, generated ahead (lookahead + overlap), overlapping by the overlap,
 * expired and revoked, persisted through {@link KeyFiles}; and the generation counter with
 * the log of AVAIL/PURGE messages that connected clients have not seen yet.
 *
 * <p>Thread safety: look-ups ({@link #lookup}) are lock-free; structural changes happen under
 * one lock; key generation runs outside it (on the worker pool, so RSA keys of many
 * denominations are made in parallel) but under a second lock that serializes updates and
 * revocations.
 *
 * @param <K> the private key type
 */
public final class KeyRing<K> {
    private static final Logger LOG = Logger.getLogger(KeyRing.class.getName());
    /** Refuse absurd plans (e.g. a one-year lookahead with one-minute keys). */
    static final int MAX_KEYS_PER_SERIES_UPDATE = 100_000;
    private static final RelativeTime ONE_SECOND = RelativeTime.ofSeconds(1);

    private final KeyCipher<K> cipher;
    private final List<Series<K>> series;
    private final EddsaPrivateKey smKey;
    private final RelativeTime lookahead;
    private final RelativeTime overlap;
    private final ExecutorService generators;

    private final Object updateLock = new Object();
    private final Object lock = new Object();
    private final Map<FixedBytes, ManagedKey<K>> byId = new ConcurrentHashMap<>();
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long generation;
    /** Events with a generation up to this one may have been dropped. */
    private long trimmed;

    private record Event(long generation, byte[] message) {
    }

    private record Slot<K>(Series<K> series, Timestamp anchor) {
    }

    /** Messages and the generation they bring a client to. */
    public record Messages(List<byte[]> messages, long generation) {
    }

    /**
     * @param generators pool for key generation, or {@code null} to generate in the calling thread
     */
    public KeyRing(KeyCipher<K> cipher, List<Series<K>> series, EddsaPrivateKey smKey, RelativeTime lookahead,
            RelativeTime overlap, ExecutorService generators) {
        this.cipher = cipher;
        this.series = List.copyOf(series);
        this.smKey = smKey;
        this.lookahead = lookahead;
        this.overlap = overlap;
        this.generators = generators;
        for (Series<K> s : this.series) {
            if (s.duration().compareTo(overlap) <= 0) {
                throw new IllegalArgumentException("duration of " + s + " must exceed the overlap");
            }
        }
    }

    public List<Series<K>> series() {
        return series;
    }

    public KeyCipher<K> cipher() {
        return cipher;
    }

    public EddsaPrivateKey smKey() {
        return smKey;
    }

    /** Registers a callback run (outside any lock) after every change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** The current generation; it grows with every change. */
    public long generation() {
        return generation;
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads the key files of every series (creating missing directories). Undecodable files and
     * duplicates are skipped with a warning.
     */
    public void load() throws IOException {
        synchronized (updateLock) {
            int loaded = 0;
            synchronized (lock) {
                long g = generation + 1;
                for (Series<K> s : series) {
                    KeyFiles.ensureDirectory(s.dir());
                    for (KeyFiles.Entry e : KeyFiles.scan(s.dir())) {
                        K key;
                        try {
                            key = cipher.decode(e.data());
                        } catch (IllegalArgumentException ex) {
                            LOG.warning("skipping key file " + e.file() + ": " + ex.getMessage());
                            continue;
                        }
                        FixedBytes id = cipher.id(key);
                        if (byId.containsKey(id)) {
                            LOG.warning("skipping key file " + e.file() + ": duplicate of " + byId.get(id).file());
                            continue;
                        }
                        Timestamp anchor = Timestamp.ofSeconds(e.anchorSeconds());
                        if (s.keys.containsKey(anchor.micros())) {
                            LOG.warning("skipping key file " + e.file() + ": another file has the same anchor");
                            continue;
                        }
                        ManagedKey<K> mk = new ManagedKey<>(s, anchor, key, id,
                                cipher.availMessage(s.name(), anchor, s.duration(), key, smKey), e.file());
                        insertLocked(mk, g);
                        loaded++;
                    }
                }
                if (loaded > 0) {
                    generation = g;
                }
            }
            if (loaded > 0) {
                LOG.info("loaded " + loaded + " keys");
                fire();
            }
        }
    }

    // ------------------------------------------------------------------ updates

    /**
     * Expires keys whose validity ended by {@code now} and creates the keys the generation rule
     * asks for: while a series is empty or {@code last.anchor + D - L - O <= now}, a key with
     * anchor {@code max(now, last.anchor + D - O)} (whole seconds) is added.
     *
     * @throws KeyGenerationException if a key could not be generated or stored (keys that
     *     could are kept)
     */
    public void update(Timestamp now) throws KeyGenerationException {
        synchronized (updateLock) {
            List<Slot<K>> plan;
            boolean expired;
            synchronized (lock) {
                expired = expireLocked(now);
                plan = planLocked(now.roundedToSeconds());
            }
            if (expired) {
                fire();
            }
            if (!plan.isEmpty()) {
                createAndInsert(plan);
            }
        }
    }

    private List<Slot<K>> planLocked(Timestamp now) throws KeyGenerationException {
        List<Slot<K>> plan = new ArrayList<>();
        RelativeTime lo = lookahead.add(overlap);
        for (Series<K> s : series) {
            Timestamp last = s.keys.isEmpty() ? null : s.keys.lastEntry().getValue().anchor();
            int n = 0;
            while (last == null || !last.plus(s.duration()).minus(lo).isAfter(now)) {
                Timestamp anchor;
                if (last == null) {
                    anchor = now;
                } else {
                    Timestamp next = last.plus(s.duration()).minus(overlap).roundedToSeconds();
                    anchor = next.isAfter(now) ? next : now;
                    if (!anchor.isAfter(last)) {
                        anchor = last.plus(ONE_SECOND);
                    }
                }
                if (anchor.isNever()) {
                    break;
                }
                plan.add(new Slot<>(s, anchor));
                last = anchor;
                if (++n > MAX_KEYS_PER_SERIES_UPDATE) {
                    throw new KeyGenerationException("more than " + MAX_KEYS_PER_SERIES_UPDATE + " keys needed for "
                            + s + "; check LOOKAHEAD_SIGN against the key duration", null);
                }
            }
        }
        return plan;
    }

    private boolean expireLocked(Timestamp now) {
        long g = generation + 1;
        boolean changed = false;
        for (Series<K> s : series) {
            changed |= expireSeriesLocked(s, now, g);
        }
        if (changed) {
            generation = g;
        }
        return changed;
    }

    private boolean expireSeriesLocked(Series<K> s, Timestamp now, long g) {
        boolean changed = false;
        Iterator<ManagedKey<K>> it = s.keys.values().iterator();
        while (it.hasNext()) {
            ManagedKey<K> k = it.next();
            if (k.end().isAfter(now)) {
                break;
            }
            it.remove();
            byId.remove(k.id());
            KeyFiles.delete(k.file());
            LOG.info("expired " + k);
            if (cipher.purgeOnExpiry()) {
                events.add(new Event(g, cipher.purgeMessage(k.id())));
                changed = true;
            }
        }
        return changed;
    }

    private void createAndInsert(List<Slot<K>> plan) throws KeyGenerationException {
        List<ManagedKey<K>> created = new ArrayList<>(plan.size());
        KeyGenerationException failure = null;
        if (generators == null || plan.size() == 1) {
            for (Slot<K> slot : plan) {
                try {
                    created.add(create(slot));
                } catch (KeyGenerationException e) {
                    failure = e;
                    break;
                }
            }
        } else {
            List<Future<ManagedKey<K>>> futures = new ArrayList<>(plan.size());
            for (Slot<K> slot : plan) {
                futures.add(generators.submit(() -> create(slot)));
            }
            for (Future<ManagedKey<K>> f : futures) {
                try {
                    created.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof KeyGenerationException kge ? kge
                                : new KeyGenerationException("key generation failed: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new KeyGenerationException("interrupted while generating keys", e);
                    break;
                }
            }
        }
        if (!created.isEmpty()) {
            synchronized (lock) {
                long g = generation + 1;
                for (ManagedKey<K> k : created) {
                    insertLocked(k, g);
                }
                generation = g;
            }
            LOG.info("created " + created.size() + " keys");
            fire();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ManagedKey<K> create(Slot<K> slot) throws KeyGenerationException {
        Series<K> s = slot.series();
        K key;
        try {
            key = s.generator().generate();
        } catch (Exception e) {
            throw new KeyGenerationException("cannot generate a key for " + s + ": " + e.getMessage(), e);
        }
        FixedBytes id = cipher.id(key);
        ManagedKey<K> mk = new ManagedKey<>(s, slot.anchor(), key, id,
                cipher.availMessage(s.name(), slot.anchor(), s.duration(), key, smKey),
                s.dir().resolve(KeyFiles.fileName(slot.anchor().seconds())));
        try {
            KeyFiles.ensureDirectory(s.dir());
            KeyFiles.write(mk.file(), cipher.encode(key));
        } catch (IOException e) {
            throw new KeyGenerationException("cannot write key file " + mk.file() + ": " + e, e);
        }
        LOG.fine("generated " + mk);
        return mk;
    }

    private void insertLocked(ManagedKey<K> k, long g) {
        ManagedKey<K> old = k.series().keys.put(k.anchor().micros(), k);
        if (old != null) {
            // a replacement for a revoked key takes its slot; anything else is a bug
            byId.remove(old.id());
            LOG.warning("replaced " + old + " by " + k);
        }
        byId.put(k.id(), k);
        events.add(new Event(g, k.availMessage()));
    }

    /**
     * Revokes a key (secmod.md 4): its file is deleted, clients get PURGE, and a replacement
     * with the same anchor is created and announced. Unknown (or already revoked) ids are
     * ignored.
     *
     * @return true if the key was known
     */
    public boolean revoke(FixedBytes id) {
        synchronized (updateLock) {
            ManagedKey<K> old;
            synchronized (lock) {
                old = byId.get(id);
                if (old == null) {
                    return false;
                }
                old.series().keys.remove(old.anchor().micros());
                byId.remove(id);
                KeyFiles.delete(old.file());
                long g = generation + 1;
                events.add(new Event(g, cipher.purgeMessage(id)));
                generation = g;
            }
            LOG.info("revoked " + old);
            fire();
            try {
                createAndInsert(List.of(new Slot<>(old.series(), old.anchor())));
            } catch (KeyGenerationException e) {
                LOG.log(Level.SEVERE, "cannot create the replacement of revoked " + old, e);
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ queries

    /** The key with this id, or {@code null} (unknown, expired or revoked). */
    public ManagedKey<K> lookup(FixedBytes id) {
        return byId.get(id);
    }

    /**
     * The oldest key of a series that is still valid at {@code now}, dropping expired ones from
     * the head first (EdDSA signing, secmod.md 5.4); {@code null} if there is none.
     */
    public ManagedKey<K> oldestValid(Series<K> s, Timestamp now) {
        ManagedKey<K> first;
        boolean changed;
        synchronized (lock) {
            long g = generation + 1;
            changed = expireSeriesLocked(s, now, g);
            if (changed) {
                generation = g;
            }
            first = s.keys.isEmpty() ? null : s.keys.firstEntry().getValue();
        }
        if (changed) {
            fire();
        }
        return first;
    }

    /** The keys of a series ordered by anchor (a copy). */
    public List<ManagedKey<K>> keys(Series<K> s) {
        synchronized (lock) {
            return List.copyOf(s.keys.values());
        }
    }

    /** All keys, series by series (a copy). */
    public List<ManagedKey<K>> allKeys() {
        synchronized (lock) {
            List<ManagedKey<K>> out = new ArrayList<>();
            for (Series<K> s : series) {
                out.addAll(s.keys.values());
            }
            return out;
        }
    }

    /** The AVAIL messages of all current keys and the generation they correspond to. */
    public Messages snapshot() {
        synchronized (lock) {
            List<byte[]> out = new ArrayList<>(byId.size());
            for (Series<K> s : series) {
                for (ManagedKey<K> k : s.keys.values()) {
                    out.add(k.availMessage());
                }
            }
            return new Messages(out, generation);
        }
    }

    /**
     * The AVAIL/PURGE messages of all changes after generation {@code seen}, or {@code null}
     * if some were already dropped (the client must reconnect).
     */
    public Messages changesSince(long seen) {
        synchronized (lock) {
            if (seen < trimmed) {
                return null;
            }
            List<byte[]> out = new ArrayList<>();
            for (Event e : events) {
                if (e.generation() > seen) {
                    out.add(e.message());
                }
            }
            return new Messages(out, generation);
        }
    }

    /** Forgets change messages up to generation {@code seenByAll} (no client needs them). */
    public void trim(long seenByAll) {
        synchronized (lock) {
            long upTo = Math.min(seenByAll, generation);
            while (!events.isEmpty() && events.peekFirst().generation() <= upTo) {
                events.removeFirst();
            }
            trimmed = Math.max(trimmed, upTo);
        }
    }

    /** Number of change messages held for clients (tests). */
    int pendingEvents() {
        synchronized (lock) {
            return events.size();
        }
    }

    /**
     * When {@link #update} has work next: the earliest expiry ({@code first.anchor + D}) or
     * generation trigger ({@code last.anchor + D - L - O}) over all series; {@code EPOCH} if a
     * series has no key, {@code NEVER} if there are no series.
     */
    public Timestamp nextMaintenance() {
        RelativeTime lo = lookahead.add(overlap);
        synchronized (lock) {
            Timestamp next = Timestamp.NEVER;
            for (Series<K> s : series) {
                if (s.keys.isEmpty()) {
                    return Timestamp.EPOCH;
                }
                Timestamp expiry = s.keys.firstEntry().getValue().end();
                Timestamp gen = s.keys.lastEntry().getValue().anchor().plus(s.duration()).minus(lo);
                if (expiry.isBefore(next)) {
                    next = expiry;
                }
                if (gen.isBefore(next)) {
                    next = gen;
                }
            }
            return next;
        }
    }

    private void fire() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "key change listener failed", e);
            }
        }
    }
}
