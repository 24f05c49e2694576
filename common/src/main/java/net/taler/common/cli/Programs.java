package net.taler.common.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.config.ConfigException;
import picocli.CommandLine;

/**
 * Runs a {@link TalerProgram}: parses options with picocli, and turns every failure into one
 * line on stderr plus the documented exit code (2 usage, 1 unreadable configuration,
 * 6 missing/invalid option, 1 anything else), never a stack trace unless logging at DEBUG.
 */
public final class Programs {
    private static final Logger LOG = Logger.getLogger(Programs.class.getName());

    private Programs() {
    }

    /** Entry point for launchers: runs and exits the JVM with the program's code. */
    public static void main(TalerProgram program, String[] args) {
        System.exit(execute(program, args));
    }

    /** Runs without exiting (tests); output goes to the process's stdout/stderr. */
    public static int execute(TalerProgram program, String[] args) {
        CommandLine cl = commandLine(program);
        try {
            return cl.execute(args);
        } finally {
            // print() without newline does not auto-flush; System.exit would lose it
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** The configured picocli command line (tests may redirect its out/err writers). */
    public static CommandLine commandLine(TalerProgram program) {
        CommandLine cl = new CommandLine(program);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.getCommandSpec().version(cl.getCommandSpec().name() + " " + version() + " (Java)");
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(name + ": " + ex.getMessage());
            err.println("Try '" + name + " --help' for more information.");
            err.flush();
            return ExitCodes.INVALID_ARGUMENT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String name = commandLine.getCommandSpec().qualifiedName();
            int code;
            if (ex instanceof TalerProgram.UsageException) {
                err.println(name + ": " + ex.getMessage());
                code = ExitCodes.INVALID_ARGUMENT;
            } else if (ex instanceof ConfigException ce) {
                err.println(name + ": " + ce.getMessage());
                code = ce.kind() == ConfigException.Kind.LOAD ? ExitCodes.FAILURE : ExitCodes.NOT_CONFIGURED;
            } else if (ex instanceof ProgramException pe) {
                err.println(name + ": " + pe.getMessage());
                code = pe.exitCode();
            } else {
                err.println(name + ": " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
                code = ExitCodes.FAILURE;
            }
            LOG.log(Level.FINEST, "failure details", ex);
            err.flush();
            return code;
        });
        return cl;
    }

    private static volatile String version;

    /** The build's version, from a resource filtered by Maven. */
    public static String version() {
        if (version == null) {
            Properties p = new Properties();
            try (InputStream in = Programs.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            version = p.getProperty("version", "unknown");
        }
        return version;
    }
}
