package net.taler.auditor;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-auditor-exchange}; its function arrives with a later issue. */
@Command(name = "taler-auditor-exchange",
        description = {"Add or remove an exchange audited by this auditor.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class AuditorExchangeMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new AuditorExchangeMain(), args);
    }
}
