package uk.isafe.practice.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.store.Database;
import uk.isafe.practice.store.DatabaseHandle;
import uk.isafe.practice.store.Migrations;

/**
 * For command-line tools: the server's database (the external one, or the embedded one, attaching to a running
 * server's if it holds it), migrated, with a small pool for the duration of one piece of work. Blocking.
 */
public final class ToolDatabase {
  private ToolDatabase() {
  }

  public static <T> T run(AppConfig config, BiFunction<Vertx, Pool, Future<T>> work) throws Exception {
    try (DatabaseHandle db = DatabaseHandle.openForTool(config.database(), config.dataDir())) {
      Migrations.applyBlocking(db.settings());
      Vertx vertx = Vertx.vertx();
      try {
        Pool pool = Database.pool(vertx, db.settings(), 2);
        try {
          return work.apply(vertx, pool).await(60, TimeUnit.SECONDS);
        } finally {
          pool.close().await(10, TimeUnit.SECONDS);
        }
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
    }
  }
}
