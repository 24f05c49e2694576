package net.taler.common.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;

import net.taler.common.config.ConfigLoader;
import net.taler.common.config.TalerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every program: the common options, logging, the (time-travelled) clock and the
 * configuration loaded in the standard order. Subclasses are picocli commands that add their
 * own options and implement {@link #run()}; {@link Programs#main} executes them.
 */
public abstract class TalerProgram implements Callable<Integer> {
    @Mixin
    protected CommonOptions common;

    @Spec
    protected CommandSpec spec;

    private Clock clock;
    private ConfigLoader.Loaded loaded;
    private ConfigLoader loader;

    /** The program's work; returns the exit code. Exceptions are mapped by {@link Programs}. */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        Level level = common.logLevel == null ? Level.WARNING : parseOrUsage(common.logLevel);
        Logging.configure(spec.name(), level, common.logFile);
        try {
            clock = TimeTravel.clock(common.timetravel);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --timetravel value: " + e.getMessage());
        }
        return run();
    }

    private static Level parseOrUsage(String name) {
        try {
            return Logging.parseLevel(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** "Now" for this process, shifted by {@code -T}. */
    protected final Clock clock() {
        return clock;
    }

    /** Replaces the process loader (tests and embedding: a controlled environment and prefix). */
    public final TalerProgram useLoader(ConfigLoader l) {
        this.loader = l;
        return this;
    }

    /** The loader (environment + prefix) this program uses. */
    protected final ConfigLoader loader() {
        if (loader == null) {
            loader = ConfigLoader.forProcess();
        }
        return loader;
    }

    /** The configuration, loaded on first use. */
    protected final TalerConfig config() {
        return loaded().config();
    }

    protected final ConfigLoader.Loaded loaded() {
        if (loaded == null) {
            loaded = loader().load(Optional.ofNullable(common.configFile));
        }
        return loaded;
    }

    /** The {@code -c} argument, if given. */
    protected final Optional<Path> configFileOption() {
        return Optional.ofNullable(common.configFile);
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Thrown by programs for bad usage detected after parsing; becomes exit code 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
