package net.taler.common.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.sig.merchant.TrackTransaction;
import net.taler.common.sig.wallet.AgeAttestation;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every record of {@code net.taler.common.sig.**} generically (found on
 * the class path, so a new record cannot be forgotten): constants, block size,
 * purpose table, null checks, and that changing any single field, the purpose
 * or the key makes verification fail.
 */
class SignedStructuresTest {
    /** Purposes that are registered but have no structure (see package-info). */
    private static final Set<Integer> WITHOUT_STRUCTURE = Set.of(
            Purposes.EXCHANGE_RESERVE_STATUS, Purposes.CLIENT_TEST_EDDSA, Purposes.EXCHANGE_TEST_EDDSA,
            Purposes.ANASTASIS_POLICY_UPLOAD);

    private static final EddsaPrivateKey KEY = new EddsaPrivateKey(filled(32, 7));
    private static final EddsaPrivateKey OTHER_KEY = new EddsaPrivateKey(filled(32, 8));

    static List<Class<?>> records() {
        try {
            Path root = Path.of(Signable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = root.resolve("net/taler/common/sig");
            List<Class<?>> out = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> cls = Class.forName(name);
                    if (cls.isRecord()) {
                        out.add(cls);
                    }
                }
            }
            return out;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyPurposeHasExactlyOneStructure() {
        Map<Integer, Class<?>> byPurpose = new HashMap<>();
        for (Class<?> cls : records()) {
            int purpose = staticInt(cls, "PURPOSE");
            assertTrue(Purposes.all().containsKey(purpose), cls + " purpose not in Purposes");
            Class<?> previous = byPurpose.put(purpose, cls);
            assertEquals(null, previous, "two structures for purpose " + purpose);
        }
        for (int purpose : Purposes.all().keySet()) {
            assertEquals(!WITHOUT_STRUCTURE.contains(purpose), byPurpose.containsKey(purpose),
                    "structure for " + Purposes.name(purpose).orElseThrow());
        }
        assertEquals(61, byPurpose.size());
    }

    @Test
    void purposeTableInPackageInfoListsEverything() throws IOException {
        Path info = Path.of("src/main/java/net/taler/common/sig/package-info.java");
        String text = Files.readString(info);
        for (Map.Entry<Integer, String> e : Purposes.all().entrySet()) {
            String shortName = e.getValue().substring("TALER_SIGNATURE_".length());
            assertTrue(text.contains("<tr><td>" + e.getKey() + "</td><td>{@code " + shortName + "}</td>"),
                    "table row for " + e.getKey());
        }
        for (Class<?> cls : records()) {
            assertTrue(text.contains("{@link " + cls.getName() + "}"), "table links " + cls.getName());
        }
    }

    @Test
    void purposeNames() {
        assertEquals("TALER_SIGNATURE_WALLET_COIN_DEPOSIT", Purposes.name(1201).orElseThrow());
        assertEquals("TALER_SIGNATURE_SM_CS_DENOMINATION_KEY", Purposes.name(1252).orElseThrow());
        assertTrue(Purposes.name(1017).isEmpty(), "1017 is 2023, not Dec 2022");
        assertTrue(Purposes.name(1401).isEmpty(), "1401 is not in GANA");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void sizeAndPurposeConstants(Class<?> cls) {
        PurposeBlock block = blockOf(instance(cls, -1));
        assertEquals(staticInt(cls, "SIZE"), block.size(), "SIZE");
        assertEquals(staticInt(cls, "PURPOSE"), block.purpose(), "PURPOSE");
        if (Signable.class.isAssignableFrom(cls)) {
            assertEquals(staticInt(cls, "PURPOSE"), ((Signable) instance(cls, -1)).purpose());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void nullComponentsAreRejected(Class<?> cls) {
        RecordComponent[] comps = cls.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            if (comps[i].getType().isPrimitive()) {
                continue;
            }
            Object[] args = args(cls, -1);
            args[i] = null;
            int idx = i;
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> constructor(cls).newInstance(args), comps[idx].getName());
            assertTrue(e.getCause() instanceof NullPointerException, comps[idx].getName());
        }
    }

    /** Sign, then verify with tampered copies: every single-field change must break the signature. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void tamperedFieldWrongKeyWrongPurpose(Class<?> cls) {
        if (!Signable.class.isAssignableFrom(cls)) {
            assertEquals(AgeAttestation.class, cls, "only the Edx25519 attestation is not Signable");
            return;
        }
        Signable rec = (Signable) instance(cls, -1);
        EddsaSignature sig = rec.sign(KEY);
        assertTrue(rec.verify(KEY.publicKey(), sig), "round trip");
        assertEquals(sig, Eddsa.sign(KEY, rec.toPurposeBlock()), "sign() signs toPurposeBlock()");

        // wrong key, missing key or signature, corrupted signature
        assertFalse(rec.verify(OTHER_KEY.publicKey(), sig), "wrong key");
        assertFalse(rec.verify(null, sig), "null key");
        assertFalse(rec.verify(KEY.publicKey(), null), "null signature");
        byte[] bad = sig.bytes();
        bad[10] ^= 1;
        assertFalse(rec.verify(KEY.publicKey(), new EddsaSignature(bad)), "corrupted signature");

        // the same fields signed under any other purpose number
        byte[] payload = rec.toPurposeBlock().payload();
        for (int other : Purposes.all().keySet()) {
            if (other == rec.purpose()) {
                continue;
            }
            PurposeBlock foreign = PurposeBlock.builder(other).bytes(payload).build();
            assertFalse(rec.verify(KEY.publicKey(), Eddsa.sign(KEY, foreign)), "signed as purpose " + other);
        }

        // each field changed on its own
        RecordComponent[] comps = cls.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            Signable tampered = (Signable) instance(cls, i);
            assertNotEquals(rec, tampered);
            boolean ok = tampered.verify(KEY.publicKey(), sig);
            if (cls == TrackTransaction.class && comps[i].getName().equals("merchantPub")) {
                // the C layout does not cover merchant_pub (the exchange has it from the URL)
                assertTrue(ok, "C layout ignores merchantPub");
                TrackTransaction t = (TrackTransaction) rec;
                EddsaSignature walletSig = t.signWalletLayout(KEY);
                assertFalse(tampered.verify(KEY.publicKey(), walletSig), "wallet layout covers merchantPub");
            } else {
                assertFalse(ok, "tampered " + comps[i].getName());
            }
        }
    }

    // ------------------------------------------------------------------ reflection helpers

    private static PurposeBlock blockOf(Object rec) {
        try {
            return (PurposeBlock) rec.getClass().getMethod("toPurposeBlock").invoke(rec);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static int staticInt(Class<?> cls, String name) {
        try {
            return cls.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(cls + " lacks " + name, e);
        }
    }

    private static Constructor<?> constructor(Class<?> cls) {
        try {
            Class<?>[] types = Arrays.stream(cls.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            return cls.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** Arguments with sample values; the component at {@code changed} gets a different value. */
    private static Object[] args(Class<?> cls, int changed) {
        RecordComponent[] comps = cls.getRecordComponents();
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            args[i] = sample(comps[i].getType(), i == changed ? 2 : 1);
        }
        return args;
    }

    private static Object instance(Class<?> cls, int changed) {
        try {
            return constructor(cls).newInstance(args(cls, changed));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object sample(Class<?> type, int v) {
        if (type == HashCode.class) {
            return new HashCode(filled(HashCode.SIZE, v));
        } else if (type == ShortHash.class) {
            return new ShortHash(filled(ShortHash.SIZE, v));
        } else if (type == EddsaPublicKey.class) {
            return new EddsaPublicKey(filled(32, v));
        } else if (type == EcdhePublicKey.class) {
            return new EcdhePublicKey(filled(32, v));
        } else if (type == WireTransferId.class) {
            return new WireTransferId(filled(32, v));
        } else if (type == BlindingKeySecret.class) {
            return new BlindingKeySecret(filled(32, v));
        } else if (type == EddsaSignature.class) {
            return new EddsaSignature(filled(64, v));
        } else if (type == Amount.class) {
            return new Amount("KUDOS", v, 0);
        } else if (type == Timestamp.class) {
            return Timestamp.ofSeconds(v);
        } else if (type == RelativeTime.class) {
            return RelativeTime.ofMicros(v);
        } else if (type == int.class) {
            return v;
        } else if (type == long.class) {
            return (long) v;
        } else if (type == String.class) {
            return v == 1 ? "DEPOSIT" : "MELT";
        }
        throw new AssertionError("no sample for " + type);
    }

    private static byte[] filled(int size, int v) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
