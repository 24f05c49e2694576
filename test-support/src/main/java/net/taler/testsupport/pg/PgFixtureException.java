package net.taler.testsupport.pg;

/**
 * The PostgreSQL test fixture could not provide a database: no server binaries, the throwaway
 * cluster did not start, {@code TALER_TEST_PG_DSN} is unusable, CREATE DATABASE failed, ...
 * The message says what went wrong and how to fix it (and carries the tail of the server log
 * where there is one).
 */
public class PgFixtureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PgFixtureException(String message) {
    super(message);
  }

  public PgFixtureException(String message, Throwable cause) {
    super(message, cause);
  }
}
