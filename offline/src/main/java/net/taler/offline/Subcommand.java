package net.taler.offline;

import java.util.List;

/** One step of the subcommand chain. */
@FunctionalInterface
interface Subcommand {
    /**
     * Runs the subcommand with the arguments that follow its name.
     *
     * @return how many of {@code rest} it consumed as its own arguments
     */
    int run(List<String> rest) throws Exception;
}
