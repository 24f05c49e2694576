package net.taler.offline;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPrivateKey;

/** {@code setup}: creates the master key if needed and shows its public key. */
final class Setup implements Subcommand {
    private final Chain chain;
    private final MasterKey masterKey;

    Setup(Chain chain, MasterKey masterKey) {
        this.chain = chain;
        this.masterKey = masterKey;
    }

    /** Prints the public key, or outputs it as an operation if more subcommands follow. */
    @Override
    public int run(List<String> rest) {
        EddsaPrivateKey key = masterKey.loadOrCreate();
        if (!rest.isEmpty()) {
            ObjectNode a = chain.mapper().createObjectNode();
            a.put("exchange_offline_pub", key.publicKey().toBase32());
            chain.output(OperationNames.SETUP, a);
            // a '-' argument only forces the JSON output
            return "-".equals(rest.get(0)) ? 1 : 0;
        }
        chain.out().println(key.publicKey().toBase32());
        chain.out().flush();
        return 0;
    }
}
