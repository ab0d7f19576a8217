package uk.isafe.practice.gradebook;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import uk.isafe.practice.gradebook.stats.ChangeReading;
import uk.isafe.practice.gradebook.team.Grants;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Pages;

/**
 * The learning team’s view across courses at {@code /learning-team}: every cohort of the session’s platform
 * deployment side by side (course, dates, learners, completion, change per scale under the same suppression rules),
 * each linking to that course’s gradebook under {@code /learning-team/courses/:courseId}. For the LMS’s institution
 * administrators and for people the tool’s administrator granted ({@link Grants}); never another platform’s or
 * deployment’s courses: the registration and deployment come from the session, a course id in the URL is only
 * accepted inside them.
 */
final class LearningTeamRoutes {
  static final String ACCESS_KEY = "gradebook.teamAccess";
  static final String COURSES = """
      WITH cs AS (SELECT id, title, label, context_id FROM course WHERE registration_id = $1 AND deployment_id = $2),
      act AS (
        SELECT course_id, min(started_at) AS first_at, max(updated_at) AS last_at FROM scenario_attempt
        WHERE course_id IN (SELECT id FROM cs) GROUP BY course_id
        UNION ALL
        SELECT course_id, min(started_at), max(updated_at) FROM assessment_response
        WHERE course_id IN (SELECT id FROM cs) GROUP BY course_id)
      SELECT cs.id, COALESCE(NULLIF(cs.title, ''), NULLIF(cs.label, ''), cs.context_id) AS title,
        min(act.first_at) AS first_at, max(act.last_at) AS last_at
      FROM cs LEFT JOIN act ON act.course_id = cs.id
      GROUP BY cs.id, cs.title, cs.label, cs.context_id
      ORDER BY max(act.last_at) DESC NULLS LAST, 2, cs.id""";
  static final String COURSE = """
      SELECT COALESCE(NULLIF(title, ''), NULLIF(label, ''), context_id) AS title FROM course
      WHERE id = $1 AND registration_id = $2 AND deployment_id = $3""";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

  /** One course on one line. {@code changes} follow the page’s scale headings; “–” with a reason where hidden. */
  record CourseLine(String title, String href, String dates, int learners, String completion, List<String> changes) {
  }

  private record CourseRow(long id, String title, OffsetDateTime first, OffsetDateTime last) {
  }

  private final Pool pool;
  private final Pages pages;
  private final CohortRepository cohorts;
  private final CourseContent content;
  private final Grants grants;

  LearningTeamRoutes(Pool pool, Pages pages, CohortRepository cohorts, CourseContent content, Grants grants) {
    this.pool = pool;
    this.pages = pages;
    this.cohorts = cohorts;
    this.content = content;
    this.grants = grants;
  }

  /** Institution administrators of the platform, and people granted by the tool’s administrator. */
  Future<Boolean> allowed(LaunchContext launch) {
    if (launch.anonymous()) {
      return Future.succeededFuture(false);
    }
    if (launch.role() == Role.ADMINISTRATOR) {
      return Future.succeededFuture(true);
    }
    return grants.has(pool, launch.registrationId(), launch.subject());
  }

  /** Lets through only those {@link #allowed}; everyone else is refused with a page saying who may see it. */
  void access(RoutingContext ctx) {
    allowed(SessionHandler.current(ctx)).onSuccess(ok -> {
      if (ok) {
        ctx.next();
      } else {
        ctx.fail(new HttpProblem(403, "learning-team-only", "gradebook.error.team.title",
            "gradebook.error.team.detail"));
      }
    }).onFailure(ctx::fail);
  }

  /** Notes on the request whether this trainer may also open the learning team’s view (for the link to it). */
  void markAccess(RoutingContext ctx) {
    allowed(SessionHandler.current(ctx)).onSuccess(ok -> {
      ctx.put(ACCESS_KEY, ok);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** Accepts {@code :courseId} only inside the session’s platform deployment; then the gradebook shows that course. */
  void scope(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    long id = LearnerRoutes.parseId(ctx.pathParam("courseId"));
    pool.preparedQuery(COURSE).execute(Tuple.of(id, launch.registrationId(), launch.deploymentId()))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(new HttpProblem(404, "unknown-course", "gradebook.error.notFound.title",
                "gradebook.error.course.detail"));
            return;
          }
          ctx.put(CourseScope.KEY, new CourseScope(id, rows.iterator().next().getString("title"),
              "/learning-team/courses/" + id));
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  void overview(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    pool.preparedQuery(COURSES).execute(Tuple.of(launch.registrationId(), launch.deploymentId()))
        .compose(rows -> {
          List<CourseRow> courses = new ArrayList<>();
          rows.forEach(r -> courses.add(new CourseRow(r.getLong("id"), r.getString("title"),
              r.getOffsetDateTime("first_at"), r.getOffsetDateTime("last_at"))));
          if (courses.isEmpty()) {
            return Future.succeededFuture(Map.<Long, CohortData>of()).map(d -> render(ctx, courses, d));
          }
          // Every course's cohort and summary is worked out on a worker thread: for a large authority (tens of
          // thousands of learners) it is seconds of CPU, which must not hold up the event loop's other requests.
          return cohorts.loadMany(pool, courses.stream().map(CourseRow::id).toList())
              .compose(d -> ctx.vertx().executeBlocking(() -> render(ctx, courses, d), false));
        })
        .compose(model -> pages.render(ctx, "gradebook/learning-team", model))
        .onFailure(ctx::fail);
  }

  private Map<String, Object> render(RoutingContext ctx, List<CourseRow> courses, Map<Long, CohortData> data) {
    Messages.Catalog m = pages.catalog(ctx);
    Map<Long, Cohort> byCourse = new HashMap<>();
    Set<String> scales = new TreeSet<>(content.scaleOrder().thenComparing(java.util.Comparator.naturalOrder()));
    for (CourseRow c : courses) {
      Cohort cohort = Cohort.of(data.get(c.id()), content.scaleOrder());
      byCourse.put(c.id(), cohort);
      scales.addAll(cohort.scaleKeys());
    }
    List<String> scaleTitles = scales.stream().map(key -> m.get("gradebook.table.changeOf", content.scaleTitle(key)))
        .toList();
    List<CourseLine> lines = new ArrayList<>();
    int learners = 0;
    for (CourseRow c : courses) {
      Cohort cohort = byCourse.get(c.id());
      CohortSummary summary = CohortSummary.of(cohort, Map.of());
      Map<String, ChangeReading> readings = new HashMap<>();
      summary.scales().forEach(s -> readings.put(s.key(), s.change()));
      List<String> changes = new ArrayList<>();
      for (String key : scales) {
        changes.add(change(readings.get(key), m));
      }
      int n = cohort.rows().size();
      learners += n;
      lines.add(new CourseLine(c.title(), "/learning-team/courses/" + c.id(), dates(c, m), n,
          m.get("gradebook.team.completion", cohort.count(Cohort.Status.COMPLETED), n), changes));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("courses", lines);
    model.put("scaleTitles", scaleTitles);
    model.put("courseCount", lines.size());
    model.put("learnerTotal", learners);
    return model;
  }

  private static String change(ChangeReading r, Messages.Catalog m) {
    if (r == null || r.pairs() == 0) {
      return Fmt.NONE;
    }
    if (r.direction() == ChangeReading.Direction.UNKNOWN) {
      return m.get("gradebook.stat.undefined", Fmt.NONE, m.get("gradebook.team.tooFew"));
    }
    String value = Fmt.signed(r.change().value());
    if (r.size() == ChangeReading.Size.UNKNOWN) {
      return m.get("gradebook.team.change", value, r.pairs());
    }
    return m.get("gradebook.team.changeSize", value, r.pairs(), m.get("gradebook.team.size." + r.size().name()));
  }

  private static String dates(CourseRow c, Messages.Catalog m) {
    if (c.first() == null) {
      return m.get("gradebook.team.noActivity");
    }
    return m.get("gradebook.team.dates", c.first().format(DAY), c.last().format(DAY));
  }
}
