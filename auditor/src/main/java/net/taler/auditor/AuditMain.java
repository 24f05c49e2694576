package net.taler.auditor;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-audit}; its function arrives with a later issue. */
@Command(name = "taler-audit",
        description = {"Run all auditor helpers and produce the audit report.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class AuditMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new AuditMain(), args);
    }
}
