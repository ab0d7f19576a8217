package uk.isafe.practice.core;

import io.vertx.core.Future;
import uk.isafe.practice.lti.LaunchContext;

/**
 * Where a view of individuals' results is recorded for the data protection officer (who, when, what, platform and
 * course; the {@code privacy} feature keeps it). Call it before showing or sending the results: if it cannot be
 * recorded, nothing is shown.
 *
 * <p>{@code what} is a short stable name of the page or export, e.g. {@code gradebook-learner}.
 */
public interface AccessLog {
  /**
   * A trainer or leader is viewing one person's results ({@code personId} in course {@code courseId}: the viewer's
   * own, or, in the learning team's view, another course of the deployment).
   */
  Future<Void> individual(LaunchContext viewer, long courseId, String what, long personId);

  /** A trainer or leader is viewing or exporting the individual results of a whole course ({@code courseId}). */
  Future<Void> course(LaunchContext viewer, long courseId, String what);

  /** Records nothing: for tests of a feature on its own. */
  AccessLog NONE = new AccessLog() {
    @Override
    public Future<Void> individual(LaunchContext viewer, long courseId, String what, long personId) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> course(LaunchContext viewer, long courseId, String what) {
      return Future.succeededFuture();
    }
  };
}
