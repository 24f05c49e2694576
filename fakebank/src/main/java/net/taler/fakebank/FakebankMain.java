package net.taler.fakebank;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-fakebank-run}; its function arrives with issue #8. */
@Command(name = "taler-fakebank-run",
        description = {"In-memory bank for tests and local runs (Wire Gateway API).",
            "NOT IMPLEMENTED YET in this build (arrives with issue #8): only --help and --version work;",
            "running it exits with code 3."})
public final class FakebankMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new FakebankMain(), args);
    }
}
