package net.taler.common.config;

/** Where a configuration value came from, for error messages and {@code taler-config -d}. */
public record Source(String file, int line) {
    /** Values derived from the installation ({@code [PATHS] PREFIX} etc.); never serialized. */
    public static final Source BUILTIN = new Source("(built-in)", 0);

    /** Values set programmatically (built-in paths, {@code taler-config -V}). */
    public static Source builtin(String what) {
        return new Source(what, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
