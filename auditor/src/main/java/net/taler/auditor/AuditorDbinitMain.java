package net.taler.auditor;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-auditor-dbinit}; its function arrives with a later issue. */
@Command(name = "taler-auditor-dbinit",
        description = {"Create or reset the auditor database.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class AuditorDbinitMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new AuditorDbinitMain(), args);
    }
}
