package net.taler.db;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-dbinit}; its function arrives with issue #6. */
@Command(name = "taler-exchange-dbinit",
        description = {"Create, reset or garbage-collect the exchange database.",
            "NOT IMPLEMENTED YET in this build (arrives with issue #6): only --help and --version work;",
            "running it exits with code 3."})
public final class DbInitMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new DbInitMain(), args);
    }
}
