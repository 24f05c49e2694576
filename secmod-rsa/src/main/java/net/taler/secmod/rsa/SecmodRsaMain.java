package net.taler.secmod.rsa;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-secmod-rsa}; its function arrives with issue #5. */
@Command(name = "taler-exchange-secmod-rsa",
        description = {"Security module holding the exchange's RSA denomination keys.",
            "NOT IMPLEMENTED YET in this build (arrives with issue #5): only --help and --version work;",
            "running it exits with code 3."})
public final class SecmodRsaMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new SecmodRsaMain(), args);
    }
}
