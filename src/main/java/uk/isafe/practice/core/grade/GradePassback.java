package uk.isafe.practice.core.grade;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import uk.isafe.practice.lti.LaunchContext;

/**
 * Where features hand results meant for the LMS gradebook. Called inside the transaction that records the result,
 * so a result and its delivery are committed together (the outbox delivers after commit).
 */
public interface GradePassback {

  /** Whether a result will reach the LMS, so the learner's page can say so. */
  enum Delivery { QUEUED, NOT_SENT_ANONYMOUS, NOT_SENT_NO_SERVICE }

  Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result);

  /** The learner has started an activity (progress is sent only where no final result is held yet). */
  Future<Void> recordStarted(SqlClient tx, LaunchContext launch, String kind, String activityKey);

  /** Records nothing remotely: for servers and tests without grade passback wired. */
  static GradePassback recordOnly() {
    return new GradePassback() {
      @Override
      public Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result) {
        return Future.succeededFuture(launch.anonymous() ? Delivery.NOT_SENT_ANONYMOUS : Delivery.NOT_SENT_NO_SERVICE);
      }

      @Override
      public Future<Void> recordStarted(SqlClient tx, LaunchContext launch, String kind, String activityKey) {
        return Future.succeededFuture();
      }
    };
  }
}
