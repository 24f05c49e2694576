package net.taler.secmod.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.secmod.Frame;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key lifecycle of secmod.md 4, on real files, with time given explicitly. */
class KeyRingTest {
    private static final RelativeTime HOUR = RelativeTime.ofSeconds(3600);
    private static final RelativeTime L = RelativeTime.ofSeconds(3 * 3600);
    private static final RelativeTime O = RelativeTime.ofSeconds(300);
    private static final Timestamp T0 = Timestamp.ofSeconds(1_700_000_000L);

    @TempDir
    Path dir;

    private Series<EddsaPrivateKey> seriesA;
    private Series<EddsaPrivateKey> seriesB;

    private KeyRing<EddsaPrivateKey> ring(boolean purgeOnExpiry) {
        seriesA = new Series<>("COIN_a", HOUR, dir.resolve("COIN_a"), EddsaPrivateKey::generate);
        seriesB = new Series<>("coin-b", HOUR.multiply(2), dir.resolve("coin-b"), EddsaPrivateKey::generate);
        return new KeyRing<>(new TestCipher(purgeOnExpiry), List.of(seriesA, seriesB), EddsaPrivateKey.generate(), L, O,
                null);
    }

    /** Keys cover [now, now + L + O], consecutive anchors overlap by O, and no key more than needed. */
    private static void assertCoverage(List<ManagedKey<EddsaPrivateKey>> keys, RelativeTime d, Timestamp now) {
        assertFalse(keys.isEmpty());
        assertFalse(keys.get(0).anchor().isAfter(now), "first key usable now");
        for (int i = 1; i < keys.size(); i++) {
            assertEquals(keys.get(i - 1).anchor().plus(d).minus(O), keys.get(i).anchor(),
                    "consecutive keys overlap by OVERLAP_DURATION");
        }
        Timestamp horizon = now.plus(L).plus(O);
        ManagedKey<EddsaPrivateKey> last = keys.get(keys.size() - 1);
        assertTrue(last.anchor().plus(d).isAfter(horizon), "keys reach beyond now + lookahead + overlap");
        if (keys.size() > 1) {
            ManagedKey<EddsaPrivateKey> prev = keys.get(keys.size() - 2);
            assertFalse(prev.anchor().plus(d).minus(L).minus(O).isAfter(now), "not more keys than the rule asks for");
        }
    }

    @Test
    void generationCoversLookaheadPlusOverlapWithOverlappingAnchors() throws Exception {
        KeyRing<EddsaPrivateKey> ring = ring(false);
        ring.load();
        ring.update(T0);
        List<ManagedKey<EddsaPrivateKey>> a = ring.keys(seriesA);
        List<ManagedKey<EddsaPrivateKey>> b = ring.keys(seriesB);
        assertEquals(T0, a.get(0).anchor());
        assertCoverage(a, HOUR, T0);
        assertCoverage(b, HOUR.multiply(2), T0);
        assertEquals(4, a.size()); // anchors 0, 55, 110, 165 min: the last ends after 3 h 5 min
        for (ManagedKey<EddsaPrivateKey> k : a) {
            Path f = dir.resolve("COIN_a").resolve(Long.toString(k.anchor().seconds()));
            assertEquals(f, k.file());
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertArrayEquals(k.key().bytes(), Files.readAllBytes(f));
            assertEquals(k, ring.lookup(k.id()));
        }
        // a second update at the same time changes nothing
        long g = ring.generation();
        ring.update(T0);
        assertEquals(g, ring.generation());
        // the next maintenance is the first expiry or the next generation trigger
        Timestamp gen = a.get(a.size() - 1).anchor().plus(HOUR).minus(L).minus(O);
        Timestamp expiry = a.get(0).end();
        assertEquals(gen.isBefore(expiry) ? gen : expiry, ring.nextMaintenance());
    }

    @Test
    void timeTravelExpiresOldKeysAndCreatesNewOnes() throws Exception {
        KeyRing<EddsaPrivateKey> ring = ring(false);
        ring.update(T0);
        ManagedKey<EddsaPrivateKey> first = ring.keys(seriesA).get(0);
        long g = ring.generation();
        Timestamp later = T0.plus(RelativeTime.ofSeconds(2 * 3600 + 17));
        ring.update(later);
        assertTrue(ring.generation() > g);
        assertNull(ring.lookup(first.id()));
        assertFalse(Files.exists(first.file()), "expired key file deleted");
        List<ManagedKey<EddsaPrivateKey>> a = ring.keys(seriesA);
        for (ManagedKey<EddsaPrivateKey> k : a) {
            assertTrue(k.end().isAfter(later));
        }
        assertCoverage(a, HOUR, later);
        assertCoverage(ring.keys(seriesB), HOUR.multiply(2), later);
        // RSA/CS style: expiry is silent, only the new keys are announced
        KeyRing.Messages changes = ring.changesSince(g);
        for (byte[] m : changes.messages()) {
            assertEquals(TestCipher.AVAIL, Frame.of(m).type());
        }
        // jumping far beyond every key starts over at "now"
        Timestamp far = T0.plus(RelativeTime.ofSeconds(100 * 86400));
        ring.update(far);
        assertEquals(far, ring.keys(seriesA).get(0).anchor());
        assertCoverage(ring.keys(seriesA), HOUR, far);
        try (var s = Files.list(dir.resolve("COIN_a"))) {
            assertEquals(ring.keys(seriesA).size(), s.count(), "one file per live key");
        }
    }

    @Test
    void expiryIsAnnouncedWhenTheCipherWantsIt() throws Exception {
        KeyRing<EddsaPrivateKey> ring = ring(true);
        ring.update(T0);
        FixedBytes first = ring.keys(seriesA).get(0).id();
        long g = ring.generation();
        // the signing path drops expired keys from the head of a series
        ManagedKey<EddsaPrivateKey> current = ring.oldestValid(seriesA, T0.plus(HOUR));
        assertNotEquals(first, current.id());
        KeyRing.Messages changes = ring.changesSince(g);
        assertEquals(1, changes.messages().size());
        Frame purge = Frame.of(changes.messages().get(0));
        assertEquals(TestCipher.PURGE, purge.type());
        assertEquals(first, new net.taler.common.crypto.EddsaPublicKey(
                net.taler.common.secmod.Messages.parseKeyId(purge, 32)));
        assertNull(ring.oldestValid(seriesA, T0.plus(HOUR.multiply(100))), "no key left");
    }

    @Test
    void revocationReplacesTheKeyWithTheSameAnchor() throws Exception {
        KeyRing<EddsaPrivateKey> ring = ring(false);
        ring.update(T0);
        ManagedKey<EddsaPrivateKey> victim = ring.keys(seriesA).get(1);
        byte[] oldFile = Files.readAllBytes(victim.file());
        long g = ring.generation();
        assertTrue(ring.revoke(victim.id()));
        assertNull(ring.lookup(victim.id()));
        ManagedKey<EddsaPrivateKey> replacement = ring.keys(seriesA).get(1);
        assertEquals(victim.anchor(), replacement.anchor());
        assertNotEquals(victim.id(), replacement.id());
        assertEquals(victim.file(), replacement.file());
        assertFalse(java.util.Arrays.equals(oldFile, Files.readAllBytes(replacement.file())), "old key file is gone");
        List<Frame> changes = ring.changesSince(g).messages().stream().map(KeyRingTest::frame)
                .collect(Collectors.toList());
        assertEquals(List.of(TestCipher.PURGE, TestCipher.AVAIL),
                changes.stream().map(Frame::type).collect(Collectors.toList()));
        // unknown or already revoked: ignored
        long g2 = ring.generation();
        assertFalse(ring.revoke(victim.id()));
        assertEquals(g2, ring.generation());
    }

    @Test
    void restartLoadsTheSameKeys() throws Exception {
        KeyRing<EddsaPrivateKey> ring = ring(false);
        ring.update(T0);
        Set<FixedBytes> before = ids(ring);
        List<Timestamp> anchors = ring.keys(seriesA).stream().map(ManagedKey::anchor).collect(Collectors.toList());
        Files.writeString(dir.resolve("COIN_a").resolve("garbage"), "x");
        Path undecodable = dir.resolve("COIN_a").resolve("42");
        Files.write(undecodable, new byte[5]);
        Files.setPosixFilePermissions(undecodable, PosixFilePermissions.fromString("r--------"));
        KeyRing<EddsaPrivateKey> again = ring(false);
        again.load();
        assertEquals(before, ids(again));
        assertEquals(anchors, again.keys(seriesA).stream().map(ManagedKey::anchor).collect(Collectors.toList()));
        long g = again.generation();
        again.update(T0);
        assertEquals(g, again.generation(), "nothing to generate after reloading");
    }

    @Test
    void changeLogIsTrimmedToWhatClientsStillNeed() throws Exception {
        KeyRing<EddsaPrivateKey> ring = ring(false);
        ring.update(T0);
        long g = ring.generation();
        ring.revoke(ring.keys(seriesA).get(0).id());
        assertNotNull(ring.changesSince(g));
        ring.trim(g);
        assertEquals(2, ring.changesSince(g).messages().size());
        ring.trim(ring.generation());
        assertEquals(0, ring.pendingEvents());
        assertNull(ring.changesSince(g), "a client that missed dropped changes must resync");
        assertEquals(ring.allKeys().size(), ring.snapshot().messages().size());
    }

    private static Set<FixedBytes> ids(KeyRing<EddsaPrivateKey> ring) {
        return ring.allKeys().stream().map(ManagedKey::id).collect(Collectors.toSet());
    }

    private static Frame frame(byte[] m) {
        try {
            return Frame.of(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
