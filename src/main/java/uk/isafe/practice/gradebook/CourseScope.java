package uk.isafe.practice.gradebook;

import io.vertx.ext.web.RoutingContext;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;

/**
 * Which course a gradebook page shows, and where its pages live: the session’s own course under {@code /gradebook},
 * or — for the learning team — a course of the session’s platform deployment under
 * {@code /learning-team/courses/:courseId}, put on the request by {@link LearningTeamRoutes} once access is checked.
 * Every query is scoped by {@link #courseId()}, never by anything else in the URL.
 */
record CourseScope(long courseId, String title, String base) {
  static final String KEY = "gradebook.scope";

  /** The scope a checked learning-team route set, or else the session’s course (trainers and administrators). */
  static CourseScope of(RoutingContext ctx) {
    CourseScope set = ctx.get(KEY);
    if (set != null) {
      return set;
    }
    LaunchContext launch = SessionHandler.requireTrainer(ctx);
    return new CourseScope(launch.courseId(), launch.contextTitle(), "/gradebook");
  }
}
