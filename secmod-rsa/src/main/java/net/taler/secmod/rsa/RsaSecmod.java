package net.taler.secmod.rsa;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.Series;
import net.taler.common.time.RelativeTime;

/**
 * Assembles the RSA helper: one series per coin section with {@code CIPHER = RSA}, keys of
 * {@code RSA_KEYSIZE} bits valid for {@code DURATION_WITHDRAW}, in {@code KEY_DIR/<section>}.
 */
public final class RsaSecmod {
    public static final String SECTION = "taler-exchange-secmod-rsa";

    private RsaSecmod() {
    }

    /** A configured RSA denomination. */
    public record Denomination(String section, RelativeTime durationWithdraw, int keyBits) {
    }

    /**
     * The RSA denominations of the configuration.
     *
     * @throws net.taler.common.config.ConfigException for a missing or invalid option (exit 6)
     */
    public static List<Denomination> denominations(TalerConfig cfg, SecmodConfig sc) {
        List<Denomination> out = new ArrayList<>();
        for (String section : SecmodConfig.denominationSections(cfg, "RSA")) {
            RelativeTime d = sc.keyDuration(cfg, section, "DURATION_WITHDRAW");
            long bits = cfg.requireNumber(section, "RSA_KEYSIZE");
            if (bits < RsaPrivateKey.MIN_GENERATE_BITS || bits > RsaPrivateKey.MAX_GENERATE_BITS) {
                throw cfg.invalid(section, "RSA_KEYSIZE", "a key size between " + RsaPrivateKey.MIN_GENERATE_BITS
                        + " and " + RsaPrivateKey.MAX_GENERATE_BITS + " bits", null);
            }
            out.add(new Denomination(section, d, (int) bits));
        }
        return out;
    }

    /** Builds the (not yet started) helper. */
    public static SecmodCore<RsaPrivateKey> create(TalerConfig cfg, SecmodConfig sc, int workers, Clock clock) {
        List<Series<RsaPrivateKey>> series = new ArrayList<>();
        for (Denomination d : denominations(cfg, sc)) {
            int bits = d.keyBits();
            series.add(new Series<>(d.section(), d.durationWithdraw(), sc.denominationDirectory(cfg, d.section()),
                    () -> RsaPrivateKey.generate(bits)));
        }
        return new SecmodCore<>(sc, new RsaCipher(), series, RsaRequestHandler::new, workers, clock);
    }
}
