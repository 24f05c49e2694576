package net.taler.wirewatch;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-wirewatch}; its function arrives with issue #8. */
@Command(name = "taler-exchange-wirewatch",
        description = {"Import incoming wire transfers from the bank and credit reserves.",
            "NOT IMPLEMENTED YET in this build (arrives with issue #8): only --help and --version work;",
            "running it exits with code 3."})
public final class WirewatchMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new WirewatchMain(), args);
    }
}
