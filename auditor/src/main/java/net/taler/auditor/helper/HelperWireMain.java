package net.taler.auditor.helper;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-helper-auditor-wire}; its function arrives with a later issue. */
@Command(name = "taler-helper-auditor-wire",
        description = {"Audit helper: verify the exchange's wire records.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class HelperWireMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new HelperWireMain(), args);
    }
}
