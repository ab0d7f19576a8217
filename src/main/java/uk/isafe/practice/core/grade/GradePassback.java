package uk.isafe.practice.core.grade;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import uk.isafe.practice.lti.LaunchContext;

/**
 * Where features hand results meant for the LMS gradebook. Called inside the transaction that records the result,
 * so a result and its delivery are committed together (the outbox delivers after commit). Only final results are
 * ever sent: a score without a value would be stored by Moodle as an empty grade, wiping the one there.
 */
public interface GradePassback {

  /** What became of a result, so the learner's page can say so truthfully. */
  enum Delivery {
    /** It counts and is queued for the course gradebook. */
    QUEUED,
    /** Saved, but it does not change the result that counts (the link's grading policy), so nothing is sent. */
    NOT_COUNTED,
    /** Kept in the tool only: this link did not ask for this extra column. */
    NOT_REQUESTED,
    /** Kept in the tool only: the platform did not say who the learner is. */
    NOT_SENT_ANONYMOUS,
    /** Kept in the tool only: the platform offers no grade service for this link. */
    NOT_SENT_NO_SERVICE
  }

  /** Where a queued score is now. */
  enum Sent {
    /** Waiting to be sent (or being retried after a failure the platform may recover from). */
    QUEUED,
    /** The platform accepted it. */
    SENT,
    /** The platform refused it; trainers see why on the grade status page and can send it again. */
    FAILED,
    /** A later result of the same column replaced it before it was sent. */
    REPLACED
  }

  /** A result the link's grading policy ({@code best}, {@code latest}, {@code first}) may or may not count. */
  Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result);

  /**
   * A result worked out from others (for example a pathway's grade from its scenarios): always the one that counts,
   * sent whenever its value changes ({@link Delivery#NOT_COUNTED} when it did not change).
   */
  Future<Delivery> recordDerived(SqlClient tx, LaunchContext launch, GradeResult result);

  /** Where the score of the result of {@code kind} with {@code attemptRef} on this launch's link is, if queued. */
  Future<Optional<Sent>> sent(SqlClient db, LaunchContext launch, String kind, String attemptRef);

  /** Records nothing remotely: for servers and tests without grade passback wired. */
  static GradePassback recordOnly() {
    return new GradePassback() {
      @Override
      public Future<Delivery> recordResult(SqlClient tx, LaunchContext launch, GradeResult result) {
        return Future.succeededFuture(launch.anonymous() ? Delivery.NOT_SENT_ANONYMOUS : Delivery.NOT_SENT_NO_SERVICE);
      }

      @Override
      public Future<Delivery> recordDerived(SqlClient tx, LaunchContext launch, GradeResult result) {
        return recordResult(tx, launch, result);
      }

      @Override
      public Future<Optional<Sent>> sent(SqlClient db, LaunchContext launch, String kind, String attemptRef) {
        return Future.succeededFuture(Optional.empty());
      }
    };
  }
}
