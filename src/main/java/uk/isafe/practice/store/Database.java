package uk.isafe.practice.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the reactive connection pool that every repository uses. */
public final class Database {
  private Database() {
  }

  public static Pool pool(Vertx vertx, DbSettings db, int size) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setPassword(db.password())
        // Prepared once per connection, then only bound and run: the launch's one statement and the trainers'
        // reports are longer than the client's default 2,048-character limit, so they were parsed and planned on
        // every call (planning the launch alone cost more PostgreSQL CPU than running it).
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlLimit(16_384)
        .setPreparedStatementCacheMaxSize(512)
        // No pipelining: it measured no faster here (scenario steps are grouped by GroupCommit instead), and the three
        // benchmark runs that ended with requests never answered all had it on (none of eleven since; see README).
        .setPipeliningLimit(1)
        .setReconnectAttempts(2)
        .setReconnectInterval(500);
    if (db.ssl()) {
      connect.setSslMode(SslMode.REQUIRE);
    }
    PoolOptions pool = new PoolOptions().setMaxSize(size).setName("isafe").setShared(true).setMaxWaitQueueSize(2000);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }
}
