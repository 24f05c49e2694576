package net.taler.auditor.helper;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-helper-auditor-purses}; its function arrives with a later issue. */
@Command(name = "taler-helper-auditor-purses",
        description = {"Audit helper: verify the exchange's purses records.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class HelperPursesMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new HelperPursesMain(), args);
    }
}
