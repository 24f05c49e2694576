package net.taler.secmod.cs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.Series;
import net.taler.common.time.RelativeTime;

/**
 * Assembles the CS helper: one series per coin section with {@code CIPHER = CS}, keys valid
 * for {@code DURATION_WITHDRAW}, in {@code KEY_DIR/<section>}.
 */
public final class CsSecmod {
    public static final String SECTION = "taler-exchange-secmod-cs";

    private CsSecmod() {
    }

    /** Builds the (not yet started) helper. */
    public static SecmodCore<CsPrivateKey> create(TalerConfig cfg, SecmodConfig sc, int workers, Clock clock) {
        List<Series<CsPrivateKey>> series = new ArrayList<>();
        for (String section : SecmodConfig.denominationSections(cfg, "CS")) {
            RelativeTime d = sc.keyDuration(cfg, section, "DURATION_WITHDRAW");
            series.add(new Series<>(section, d, sc.denominationDirectory(cfg, section), CsPrivateKey::generate));
        }
        return new SecmodCore<>(sc, new CsCipher(), series, CsRequestHandler::new, workers, clock);
    }
}
