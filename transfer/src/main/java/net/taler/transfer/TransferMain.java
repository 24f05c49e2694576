package net.taler.transfer;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-transfer}; its function arrives with a later issue. */
@Command(name = "taler-exchange-transfer",
        description = {"Execute prepared outgoing wire transfers through the bank.",
            "NOT IMPLEMENTED YET in this build (arrives with a later issue): only --help and --version work;",
            "running it exits with code 3."})
public final class TransferMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new TransferMain(), args);
    }
}
