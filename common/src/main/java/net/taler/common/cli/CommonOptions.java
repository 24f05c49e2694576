package net.taler.common.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options every program has (operations.md 2), mixed into each command. */
public final class CommonOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILENAME",
            description = "use configuration file FILENAME")
    Path configFile;

    @Option(names = {"-L", "--log"}, paramLabel = "LOGLEVEL",
            description = "log level: ERROR, WARNING, MESSAGE, INFO or DEBUG (default WARNING)")
    String logLevel;

    @Option(names = {"-l", "--logfile"}, paramLabel = "FILENAME",
            description = "write log messages to FILENAME instead of stderr")
    Path logFile;

    @Option(names = {"-T", "--timetravel"}, paramLabel = "[+|-]MICROSECONDS",
            description = "shift this process's clock by the given offset (testing)")
    String timetravel;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    public Path configFile() {
        return configFile;
    }
}
