package net.taler.offline;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-offline}; its function arrives with issue #7. */
@Command(name = "taler-exchange-offline",
        description = {"Offline (air-gapped) signing of the exchange's keys and settings with the master key.",
            "NOT IMPLEMENTED YET in this build (arrives with issue #7): only --help and --version work;",
            "running it exits with code 3."})
public final class OfflineMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new OfflineMain(), args);
    }
}
