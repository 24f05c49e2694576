package net.taler.testsupport.pg;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving each test class a fresh, empty PostgreSQL database, injected as a
 * {@link PgDatabase} parameter into any constructor, lifecycle or test method of the class:
 *
 * <pre>{@code
 * @ExtendWith(PgExtension.class)
 * class DepositDbTest {
 *   @BeforeAll static void schema(PgDatabase db) throws SQLException { ... migrate db.jdbcUrl() ... }
 *   @Test void insert(PgDatabase db) throws SQLException { try (Connection c = db.open()) { ... } }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>All injections within one test class (including its {@code @Nested} classes) get the same
 *       database; different test classes get different databases (unique names). It is created on
 *       first injection and dropped ({@code DROP DATABASE ... WITH (FORCE)}) when the outermost
 *       test class has finished. Tests that need a clean slate per method clean up themselves, or
 *       create extra databases with {@code PgServer.shared().createDatabase(hint)}.
 *   <li>The server is {@link PgServer#shared()}: an external one if {@code TALER_TEST_PG_DSN} is
 *       set, else one throwaway cluster per test JVM from the local PostgreSQL binaries (package
 *       {@code postgresql}), started lazily and stopped at JVM exit. Docker/Testcontainers is not
 *       used: to test against a server elsewhere, set {@code TALER_TEST_PG_DSN}.
 *   <li>If no server can be provided, the injection fails with a {@link PgFixtureException} that
 *       says why (e.g. "no PostgreSQL server binaries found: install postgresql ...").
 * </ul>
 */
public final class PgExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PgExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    return parameterContext.getParameter().getType() == PgDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    ExtensionContext classContext = outermostClassContext(context);
    Class<?> testClass = classContext.getRequiredTestClass();
    try {
      return classContext
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              PgDatabase.class,
              key -> new Holder(PgServer.shared().createDatabase(testClass.getSimpleName())),
              Holder.class)
          .db;
    } catch (PgFixtureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ParameterResolutionException(
          "cannot provide a PostgreSQL test database for " + testClass.getName() + ": " + e, e);
    }
  }

  /** The class-level context of the top-level test class (shared by its @Nested classes). */
  private static ExtensionContext outermostClassContext(ExtensionContext context) {
    ExtensionContext result = context;
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestClass().isPresent()) {
        result = c;
      }
    }
    return result;
  }

  /** Drops the database when the class context is closed. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final PgDatabase db;

    Holder(PgDatabase db) {
      this.db = db;
    }

    @Override
    public void close() {
      db.close();
    }
  }
}
