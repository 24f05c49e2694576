package net.taler.aggregator;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-aggregator}; its function arrives with a later issue. */
@Command(name = "taler-exchange-aggregator",
        description = {"Aggregate deposits into wire transfers to merchants.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class AggregatorMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new AggregatorMain(), args);
    }
}
