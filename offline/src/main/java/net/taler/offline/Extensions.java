package net.taler.offline;

import static net.taler.offline.ArgParsers.usage;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.age.AgeRestrictionConfig;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.json.JsonHashes;
import net.taler.common.sig.master.ExtensionManifests;

/** {@code extensions show|sign}: the manifests of the enabled extensions. */
final class Extensions implements Subcommand {
    private final Chain chain;
    private final MasterKey masterKey;
    private final TalerConfig config;

    Extensions(Chain chain, MasterKey masterKey, TalerConfig config) {
        this.chain = chain;
        this.masterKey = masterKey;
        this.config = config;
    }

    @Override
    public int run(List<String> rest) {
        if (rest.isEmpty()) {
            throw usage("You must provide a subcommand: `show` or `sign`.");
        }
        String sub = rest.get(0).toLowerCase(Locale.ROOT);
        ObjectNode manifests = manifests();
        switch (sub) {
            case "show": {
                ObjectNode o = chain.mapper().createObjectNode();
                o.set("extensions", manifests);
                try {
                    chain.printJson(o);
                } catch (IOException e) {
                    throw new ProgramException(ExitCodes.FAILURE, e.getMessage(), e);
                }
                return 1;
            }
            case "sign": {
                if (manifests.isEmpty()) {
                    return 1; // nothing enabled, nothing to sign
                }
                HashCode h = JsonHashes.extensionsManifestsHash(manifests);
                EddsaSignature sig = new ExtensionManifests(h).sign(masterKey.existing());
                ObjectNode a = chain.mapper().createObjectNode();
                a.set("extensions", manifests);
                a.put("extensions_sig", sig.toBase32());
                chain.output(OperationNames.EXTENSIONS, a);
                return 1;
            }
            default:
                PrintWriter err = chain.err();
                err.println(chain.program() + ": Unexpected command `" + rest.get(0) + "'");
                err.println("Supported subcommands:");
                err.println("- show: show the extensions in the Taler-config and their configured parameters");
                err.println("- sign: sign the configuration of the extensions and publish it with the exchange");
                throw usage("unknown extensions subcommand");
        }
    }

    /** Manifests of the enabled extensions (shared with the httpd, which must hash the same bytes). */
    private ObjectNode manifests() {
        return AgeRestrictionConfig.manifests(config);
    }
}
