package net.taler.auditor.helper;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-helper-auditor-aggregation}; its function arrives with a later issue. */
@Command(name = "taler-helper-auditor-aggregation",
        description = {"Audit helper: verify the exchange's aggregation records.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class HelperAggregationMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new HelperAggregationMain(), args);
    }
}
