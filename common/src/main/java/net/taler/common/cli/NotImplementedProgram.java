package net.taler.common.cli;

/**
 * Base for programs whose launcher exists but whose function arrives with a later issue:
 * {@code --help} works, running it says so plainly and exits 3 ("not implemented").
 */
public abstract class NotImplementedProgram extends TalerProgram {
    @Override
    protected final int run() {
        err().println(spec.name() + ": not implemented yet in this build; see --help");
        err().flush();
        return ExitCodes.NOT_IMPLEMENTED;
    }
}
