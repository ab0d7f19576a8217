package uk.isafe.practice.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain SQL migrations under {@code src/main/resources/db/migration}, applied by Flyway over JDBC. JDBC is used for
 * this alone; everything at run time goes through the reactive pool. Several instances starting together are safe:
 * Flyway serialises them with a PostgreSQL advisory lock.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /** Applies pending migrations on a worker thread. */
  public static Future<Integer> apply(Vertx vertx, DbSettings db) {
    return vertx.executeBlocking(() -> applyBlocking(db));
  }

  /** Blocking variant, for the command line and tests. */
  public static int applyBlocking(DbSettings db) {
    MigrateResult result = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        // Each package owns a version range (audit: V700–V799), so a lower version from another package can arrive
        // after a higher one has been applied: apply it rather than refuse to start.
        .outOfOrder(true)
        .load()
        .migrate();
    LOG.info("database migrations applied={} schemaVersion={} db={}", result.migrationsExecuted,
        result.targetSchemaVersion, db);
    return result.migrationsExecuted;
  }
}
