package net.taler.httpd;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-httpd}; its function arrives with issue #7. */
@Command(name = "taler-exchange-httpd",
        description = {"The Taler exchange's HTTP service (wallet, merchant and management API).",
            "NOT IMPLEMENTED YET in this build (arrives with issue #7): only --help and --version work;",
            "running it exits with code 3."})
public final class ExchangeHttpdMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new ExchangeHttpdMain(), args);
    }
}
