package net.taler.httpd.keys;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import net.taler.common.age.AgeMask;
import net.taler.common.age.AgeRestrictionConfig;
import net.taler.common.amount.Amount;
import net.taler.common.config.TalerConfig;
import net.taler.common.time.RelativeTime;

/**
 * One {@code [coin_*]} section: what the exchange announces for every key the security
 * modules create for it (operations.md 1.9, 3.3). The helpers know only the section name,
 * the anchor and the withdraw duration; value, fees and the later expirations come from here.
 */
public record CoinSection(String name, Amount value, Amount feeWithdraw, Amount feeDeposit, Amount feeRefresh,
        Amount feeRefund, RelativeTime durationSpend, RelativeTime durationLegal, AgeMask ageMask, String cipher) {

    /** All coin sections by lower-case name; a malformed one is a configuration error (exit 6). */
    public static Map<String, CoinSection> all(TalerConfig cfg, String currency) {
        Function<String, AgeMask> masks = AgeRestrictionConfig.masksBySection(cfg);
        Map<String, CoinSection> out = new LinkedHashMap<>();
        for (String s : cfg.sectionNames()) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("coin_") && !lower.startsWith("coin-")) {
                continue;
            }
            out.put(lower, new CoinSection(s,
                    cfg.requireAmount(s, "VALUE", currency),
                    cfg.requireAmount(s, "FEE_WITHDRAW", currency),
                    cfg.requireAmount(s, "FEE_DEPOSIT", currency),
                    cfg.requireAmount(s, "FEE_REFRESH", currency),
                    cfg.requireAmount(s, "FEE_REFUND", currency),
                    cfg.requireRelativeTime(s, "DURATION_SPEND"),
                    cfg.requireRelativeTime(s, "DURATION_LEGAL"),
                    masks.apply(s),
                    cfg.requireChoice(s, "CIPHER", "RSA", "CS")));
        }
        return out;
    }
}
