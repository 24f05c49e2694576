package net.taler.closer;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-closer}; its function arrives with a later issue. */
@Command(name = "taler-exchange-closer",
        description = {"Close expired reserves and wire their remaining balance back.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class CloserMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new CloserMain(), args);
    }
}
