package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.core.AccessLog;
import uk.isafe.practice.lti.LaunchContext;

/**
 * The access log ({@code privacy_access_log}): every view of an individual's results by a trainer or leader in the
 * LMS, and every export (from the LMS or the command line). Read by the administrator with
 * {@code privacy access-log}; kept for {@code RETAIN_ACCESS_LOG_DAYS}.
 */
public final class AccessLogRepository implements AccessLog {
  private static final String INSERT_LMS = """
      INSERT INTO privacy_access_log (at, channel, registration_id, course_id, viewer_subject, viewer_role, action,
        subject)
      VALUES ($1, 'lms', $2, $3, $4, $5, $6, (SELECT subject FROM person WHERE id = $7))""";

  private static final String INSERT_CLI = """
      INSERT INTO privacy_access_log (at, channel, registration_id, operator, action, subject)
      VALUES ($1, 'cli', $2, $3, $4, $5)""";

  private static final String LIST = """
      SELECT a.at, a.channel, r.name AS platform, c.context_id, c.title AS course_title, a.viewer_subject,
             a.viewer_role, a.operator, a.action, a.subject
        FROM privacy_access_log a
        LEFT JOIN platform_registration r ON r.id = a.registration_id
        LEFT JOIN course c ON c.id = a.course_id
       WHERE ($1::text IS NULL OR r.name = $1)
         AND ($2::text IS NULL OR a.subject = $2 OR a.viewer_subject = $2)
         AND a.at >= $3
       ORDER BY a.at DESC, a.id DESC
       LIMIT $4""";

  private final Pool pool;
  private final Clock clock;

  public AccessLogRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** One line of the log, as the administrator reads it. */
  public record Entry(OffsetDateTime at, String channel, String platform, String courseId, String courseTitle,
      String viewer, String viewerRole, String action, String subject) {
  }

  @Override
  public Future<Void> individual(LaunchContext viewer, long courseId, String what, long personId) {
    return lms(viewer, courseId, what, personId);
  }

  @Override
  public Future<Void> course(LaunchContext viewer, long courseId, String what) {
    return lms(viewer, courseId, what, null);
  }

  private Future<Void> lms(LaunchContext viewer, long courseId, String what, Long personId) {
    return pool.preparedQuery(INSERT_LMS).execute(Tuple.from(new Object[] {now(), viewer.registrationId(),
        courseId, viewer.subject(), viewer.role().dbValue(), what, personId})).mapEmpty();
  }

  /** An export or look-up made on the command line by {@code operator} (the OS account running it). */
  public static Future<Void> commandLine(SqlClient db, Clock clock, Long registrationId, String operator,
      String what, String subject) {
    return db.preparedQuery(INSERT_CLI).execute(Tuple.of(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
        registrationId, operator, what, subject)).mapEmpty();
  }

  /** The newest entries first, optionally for one platform and one person (as viewer or as the one viewed). */
  public static Future<List<Entry>> list(SqlClient db, Optional<String> platform, Optional<String> person,
      Instant since, int limit) {
    return db.preparedQuery(LIST).execute(Tuple.of(platform.orElse(null), person.orElse(null),
        OffsetDateTime.ofInstant(since, ZoneOffset.UTC), limit)).map(rows -> {
          List<Entry> out = new ArrayList<>();
          for (Row r : rows) {
            String viewer = "cli".equals(r.getString("channel")) ? r.getString("operator") : r.getString(
                "viewer_subject");
            out.add(new Entry(r.getOffsetDateTime("at"), r.getString("channel"), r.getString("platform"),
                r.getString("context_id"), r.getString("course_title"), viewer, r.getString("viewer_role"),
                r.getString("action"), r.getString("subject")));
          }
          return out;
        });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
