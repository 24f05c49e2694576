package net.taler.secmod.eddsa;

import java.time.Clock;
import java.util.List;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.Series;
import net.taler.common.time.RelativeTime;

/** Assembles the EdDSA helper: one series of online signing keys in {@code KEY_DIR}. */
public final class EddsaSecmod {
    public static final String SECTION = "taler-exchange-secmod-eddsa";

    private EddsaSecmod() {
    }

    /**
     * Reads {@code DURATION} and builds the (not yet started) helper.
     *
     * @throws net.taler.common.config.ConfigException on bad configuration
     */
    public static SecmodCore<EddsaPrivateKey> create(TalerConfig cfg, SecmodConfig sc, Clock clock) {
        RelativeTime duration = sc.keyDuration(cfg, SECTION, "DURATION");
        Series<EddsaPrivateKey> series = new Series<>("", duration, sc.keyDir(), EddsaPrivateKey::generate);
        return new SecmodCore<>(sc, new EddsaCipher(), List.of(series),
                ctx -> new EddsaRequestHandler(ctx, series), 1, clock);
    }
}
