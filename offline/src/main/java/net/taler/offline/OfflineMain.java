package net.taler.offline;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import net.taler.common.cli.Programs;
import net.taler.common.cli.TalerProgram;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.TalerSettings;
import net.taler.common.json.TalerJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code taler-exchange-offline}: signs the exchange's keys and settings with the offline
 * master key. The arguments are a chain of subcommands executed left to right by {@link Chain}
 * (operations.md 3.9); this class only checks the configuration and wires the subcommands.
 */
@Command(name = "taler-exchange-offline",
        description = {"Operations for offline signing for a Taler exchange.",
            "Arguments are a sequence of subcommands, e.g. 'download sign upload'; use 'help' for the list."})
public final class OfflineMain extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(OfflineMain.class.getName());

    @Parameters(arity = "0..*", paramLabel = "SUBCOMMAND", description = "subcommands with their arguments")
    private List<String> args = new ArrayList<>();

    private InputStream stdin = System.in;

    public static void main(String[] args) {
        Programs.main(new OfflineMain(), args);
    }

    /** Replaces standard input (tests). */
    public OfflineMain withStdin(InputStream input) {
        this.stdin = input;
        return this;
    }

    @Override
    protected int run() throws Exception {
        TalerConfig cfg = config();
        String currency = TalerSettings.currency(cfg);
        // BASE_URL is only needed online (download/upload), so the air-gapped machine may lack it
        String baseUrl = cfg.has("exchange", "BASE_URL") ? TalerSettings.exchangeBaseUrl(cfg) : null;
        new EffectiveSettings(spec.name()).add("taler", "CURRENCY", currency).add("exchange", "BASE_URL", baseUrl)
                .addSection(cfg, "exchange-offline").log(LOG);
        return chain(cfg).run(args);
    }

    /** The subcommands, in the order of the help listing. */
    private Chain chain(TalerConfig cfg) {
        Chain chain = new Chain(spec.name(), out(), err(), stdin, TalerJson.mapper());
        MasterKey masterKey = new MasterKey(cfg);
        KeySigning keys = new KeySigning(chain, masterKey, cfg);
        MasterOperations master = new MasterOperations(chain, masterKey, clock());
        OnlineOperations online = new OnlineOperations(chain, cfg);
        return chain
            .register("setup", "initialize offline key signing material and display public offline key",
                new Setup(chain, masterKey))
            .register("download", "obtain future public keys from exchange (to be performed online!)",
                rest -> {
                    online.download(rest.isEmpty());
                    return 0;
                })
            .register("show", "display future public keys from exchange for human review",
                rest -> {
                    keys.show();
                    return 0;
                })
            .register("sign", "sign all future public keys from the input",
                rest -> {
                    keys.sign();
                    return 0;
                })
            .register("revoke-denomination",
                "revoke denomination key (hash of public key must be given as argument)",
                master::revokeDenomination)
            .register("revoke-signkey",
                "revoke exchange online signing key (public key must be given as argument)",
                master::revokeSignkey)
            .register("enable-auditor", "enable auditor for the exchange (auditor-public key, auditor-URI and"
                + " auditor-name must be given as arguments)",
                master::enableAuditor)
            .register("disable-auditor",
                "disable auditor at the exchange (auditor-public key must be given as argument)",
                master::disableAuditor)
            .register("enable-account", "enable wire account of the exchange (payto-URI must be given as argument)",
                master::enableAccount)
            .register("disable-account",
                "disable wire account of the exchange (payto-URI must be given as argument)",
                master::disableAccount)
            .register("wire-fee", "sign wire fees for the given year (year, wire method, wire fee, and closing fee"
                + " must be given as arguments)",
                master::wireFee)
            .register("global-fee", "sign global fees for the given year (year, history fee, account fee, purse"
                + " fee, purse timeout, history expiration and the maximum number of free purses per account must"
                + " be given as arguments)",
                master::globalFee)
            .register("drain", "drain profits from exchange escrow account to regular exchange operator account"
                + " (amount, debit account configuration section and credit account payto://-URI must be given as"
                + " arguments)",
                master::drain)
            .register("upload", "upload operation result to exchange (to be performed online!)",
                rest -> {
                    online.upload();
                    return 0;
                })
            .register("extensions", "subcommands for extension handling ('show' or 'sign')",
                new Extensions(chain, masterKey, cfg));
    }
}
