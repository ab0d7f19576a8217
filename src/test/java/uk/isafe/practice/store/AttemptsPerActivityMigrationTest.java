package uk.isafe.practice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.testsupport.TestDatabase;

/**
 * V130 on a database holding attempts made before it (schema at V5): every attempt stays readable, takes its link's
 * activity, keeps its number; afterwards numbers are unique per activity, not per course.
 */
class AttemptsPerActivityMigrationTest {

  @Test
  void existing_attempts_stay_readable_and_learn_their_activity() throws Exception {
    DbSettings server = TestDatabase.server();
    String name = "mig130_" + ProcessHandle.current().pid();
    TestDatabase.execute(server, "DROP DATABASE IF EXISTS " + name);
    TestDatabase.execute(server, "CREATE DATABASE " + name);
    DbSettings db = server.withDatabase(name);
    Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
        .target("5").load().migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement()) {
      st.execute("""
          INSERT INTO platform_registration (name, issuer, client_id, auth_login_url, auth_token_url, key_set_url)
          VALUES ('m', 'https://m.example', 'c', 'https://m.example/a', 'https://m.example/t', 'https://m.example/k')""");
      st.execute("""
          INSERT INTO course (registration_id, deployment_id, context_id)
          SELECT id, '1', 'ctx' FROM platform_registration""");
      st.execute("INSERT INTO person (registration_id, subject) SELECT id, 'learner' FROM platform_registration");
      st.execute("""
          INSERT INTO resource_link (course_id, link_id, title, custom) SELECT id, 'L1', 'Core practice',
            '{"activity": "pathway:fathers-core"}'::jsonb FROM course""");
      st.execute("INSERT INTO resource_link (course_id, link_id, title) SELECT id, 'L2', 'Old link' FROM course");
      st.execute("""
          INSERT INTO scenario_attempt (id, course_id, resource_link_id, person_id, scenario_id, scenario_version,
            content_hash, attempt_no, status, current_node, started_at, updated_at, step_token, score, completed_at)
          SELECT gen_random_uuid(), c.id, l.id, p.id, 'dad-not-on-file', 1, 'h', n, 'completed', 'end', now(), now(),
                 't' || n, 60 + n, now()
            FROM course c, person p, resource_link l, (VALUES (1, 'L1'), (2, 'L2'), (3, NULL)) v(n, link)
           WHERE l.link_id = COALESCE(v.link, 'L1')""");
      st.execute("UPDATE scenario_attempt SET resource_link_id = NULL WHERE attempt_no = 3");
    }
    Migrations.applyBlocking(db);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement()) {
      List<String> rows = new ArrayList<>();
      try (ResultSet r = st.executeQuery("""
          SELECT attempt_no, activity, score FROM scenario_attempt ORDER BY attempt_no""")) {
        while (r.next()) {
          rows.add(r.getInt(1) + " " + r.getString(2) + " " + r.getBigDecimal(3).intValue());
        }
      }
      assertEquals(List.of("1 pathway:fathers-core 61", "2 null 62", "3 null 63"), rows,
          "every attempt kept, with its link's activity where the link had one");
      st.execute("""
          INSERT INTO scenario_attempt (id, course_id, resource_link_id, person_id, scenario_id, scenario_version,
            content_hash, attempt_no, status, current_node, started_at, updated_at, step_token)
          SELECT gen_random_uuid(), course_id, (SELECT id FROM resource_link WHERE link_id = 'L2'), person_id,
                 scenario_id, 1, 'h', 1, 'in_progress', 'start', now(), now(), 'x'
            FROM scenario_attempt WHERE attempt_no = 1""");
      assertThrows(SQLException.class, () -> st.execute("""
          INSERT INTO scenario_attempt (id, course_id, resource_link_id, person_id, scenario_id, scenario_version,
            content_hash, attempt_no, status, current_node, started_at, updated_at, step_token)
          SELECT gen_random_uuid(), course_id, NULL, person_id, scenario_id, 1, 'h', 3, 'in_progress', 'start',
                 now(), now(), 'y' FROM scenario_attempt WHERE attempt_no = 1 AND activity IS NOT NULL"""),
          "attempt numbers stay unique per activity, a missing link counting as one activity");
      try (ResultSet r = st.executeQuery("SELECT activity FROM scenario_attempt WHERE step_token = 'x'")) {
        r.next();
        assertNull(r.getString(1));
      }
    } finally {
      TestDatabase.execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
