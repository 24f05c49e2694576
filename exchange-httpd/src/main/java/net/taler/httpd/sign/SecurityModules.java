package net.taler.httpd.sign;

import net.taler.common.config.TalerConfig;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.secmod.client.SecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;

/**
 * The httpd's clients of the three security modules (operations.md 3.2). The private keys
 * stay in those processes; this process only asks them to sign. A client is null when its
 * section is not configured (then the matching operations answer "helper unavailable").
 */
public record SecurityModules(RsaSecmodClient rsa, CsSecmodClient cs, EddsaSecmodClient eddsa)
        implements AutoCloseable {

    /** Clients for the configured {@code [taler-exchange-secmod-*]} sections. */
    public static SecurityModules fromConfig(TalerConfig cfg) {
        SecmodClientOptions so = SecmodClientOptions.DEFAULT;
        return new SecurityModules(RsaSecmodClient.fromConfig(cfg, so), CsSecmodClient.fromConfig(cfg, so),
                EddsaSecmodClient.fromConfig(cfg, so));
    }

    /** Calls {@code onChange} whenever a module announces or purges keys; starts the key watches. */
    public void watch(Runnable onChange) {
        for (SecmodClient<?, ?> c : new SecmodClient<?, ?>[] {rsa, cs, eddsa}) {
            if (c != null) {
                c.addKeyListener(onChange);
                c.isSynced(); // starts the watch connection
            }
        }
    }

    @Override
    public void close() {
        for (SecmodClient<?, ?> c : new SecmodClient<?, ?>[] {rsa, cs, eddsa}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
