package net.taler.auditor;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-auditor-offline}; its function arrives with a later issue. */
@Command(name = "taler-auditor-offline",
        description = {"Offline signing of denominations by the auditor.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class AuditorOfflineMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new AuditorOfflineMain(), args);
    }
}
