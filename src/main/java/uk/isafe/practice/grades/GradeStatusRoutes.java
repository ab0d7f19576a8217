package uk.isafe.practice.grades;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.AccessLog;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Pages;

/**
 * Trainers' view of grade delivery for their course: {@code GET /grades/status} lists the scores the LMS refused, with
 * its answer; {@code POST /grades/retry/:id} sends one again once the cause is fixed.
 */
final class GradeStatusRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(GradeStatusRoutes.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
      .withZone(ZoneId.of("Europe/London"));
  private final Vertx vertx;
  private final Pool pool;
  private final Pages pages;
  private final GradeStatusRepository status = new GradeStatusRepository();

  private final AccessLog accessLog;

  GradeStatusRoutes(Vertx vertx, Pool pool, Pages pages, AccessLog accessLog) {
    this.accessLog = accessLog;
    this.vertx = vertx;
    this.pool = pool;
    this.pages = pages;
  }

  void mount(Router router, io.vertx.core.Handler<RoutingContext> sessions) {
    router.get("/grades/status").handler(sessions).handler(this::show);
    router.post("/grades/retry/:id").handler(sessions).handler(this::retry);
  }

  private void show(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    accessLog.course(launch, launch.courseId(), "grades-status")
        .compose(v -> Future.all(status.failures(pool, launch.courseId()), status.forCourse(pool, launch.courseId())))
        .compose(all -> {
          List<GradeStatusRepository.Failure> failures = all.resultAt(0);
          List<GradeStatusRepository.GradeStatus> statuses = all.resultAt(1);
          Map<String, Object> model = new HashMap<>();
          model.put("failures", failures.stream().map(GradeStatusRoutes::row).toList());
          model.put("queued", statuses.stream().filter(s -> s.status() == GradeStatusRepository.Status.QUEUED)
              .count());
          model.put("delivered", statuses.stream()
              .filter(s -> s.status() == GradeStatusRepository.Status.DELIVERED).count());
          model.put("notSent", statuses.stream().filter(s -> s.status() == GradeStatusRepository.Status.NOT_SENT)
              .count());
          model.put("retried", "1".equals(ctx.request().getParam("retried")));
          model.put("courseTitle", launch.contextTitle());
          return pages.render(ctx, "grades/status", model);
        })
        .onFailure(ctx::fail);
  }

  private void retry(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.fail(HttpProblem.badRequest("grade-retry-bad-id", "grades.retry.badId"));
      return;
    }
    status.retry(pool, launch.courseId(), id)
        .compose(found -> {
          if (!found) {
            return Future.failedFuture(new HttpProblem(404, "grade-retry-unknown", "grades.retry.unknown.title",
                "grades.retry.unknown.detail"));
          }
          LOG.info("grade retry requested outbox={} course={} by={}", id, launch.courseId(), launch.personId()
              .orElse(null));
          vertx.eventBus().publish(GradeOutbox.NUDGE, null);
          return pages.redirect(ctx, "/grades/status?retried=1");
        })
        .onFailure(ctx::fail);
  }

  private static Map<String, Object> row(GradeStatusRepository.Failure f) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", f.outboxId());
    m.put("learner", f.learner());
    m.put("activity", f.activity());
    m.put("kind", f.kind());
    m.put("attempts", f.attempts());
    m.put("httpStatus", f.httpStatus() == null ? "" : String.valueOf(f.httpStatus()));
    m.put("answer", f.answer() == null ? "" : f.answer());
    m.put("when", f.failedAt() == null ? "" : WHEN.format(f.failedAt()));
    return m;
  }
}
