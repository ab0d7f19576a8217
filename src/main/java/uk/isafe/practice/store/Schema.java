package uk.isafe.practice.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether a database already holds this server's schema (its migration history). Blocking, over JDBC. */
final class Schema {
  private Schema() {
  }

  static boolean present(DbSettings db) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")) {
      return r.next() && r.getBoolean(1);
    } catch (SQLException e) {
      throw new NoDatabaseException("cannot reach DATABASE_URL " + db + ": " + e.getMessage());
    }
  }
}
