package uk.isafe.practice.core.activity;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.lti.LaunchContext;

/**
 * A kind of activity a feature offers through an LMS link: what {@code activity=<prefix>:<argument>} opens. Each
 * feature registers its types with the {@link Activities} registry at wiring time; the launch dispatcher, the
 * trainer's chooser, the deep-linking picker and grade delivery all ask the registry, so no other package needs to
 * know a feature's URLs, files or grading rules.
 */
public interface ActivityType {

  /** The part before the first colon of the custom parameter, e.g. {@code scenario} (the colon and argument may be
   * left out, e.g. {@code activity=audit}: the argument is then empty). */
  String prefix();

  /**
   * The page a learner starts on for {@code argument} (the text after {@code prefix:}), or empty when the argument
   * names nothing this feature serves. Called per launch: answer from memory, never from files.
   */
  Optional<String> startPath(String argument);

  /** What a trainer can choose from this feature, in a stable order. */
  List<CatalogueEntry> catalogue();

  /** The kinds of result this feature sends to the LMS gradebook. */
  List<GradeKind> gradeKinds();

  /**
   * Whether a link of this activity ({@code argument}) runs another feature's activity {@code part} (e.g.
   * {@code scenario:dad-not-on-file}) as one of its own steps: a pathway runs its scenarios. Attempts made there belong
   * to this link, and {@link #partCompleted} decides what goes to the link's gradebook column.
   */
  default boolean includes(String argument, String part) {
    return false;
  }

  /**
   * Called inside the transaction that completed {@code part} on a link of this activity (only for parts it
   * {@link #includes}): records this activity's own result, such as a pathway's grade. Empty when it records none.
   *
   * @param attemptRef the completed attempt, so the learner's page can later find what became of the result
   */
  default Future<Optional<GradePassback.Delivery>> partCompleted(SqlClient tx, LaunchContext launch, String argument,
      String part, String attemptRef) {
    return Future.succeededFuture(Optional.empty());
  }

  /**
   * Whether trainers (and administrators) who open such a link go to {@link #startPath} too, rather than to the
   * course gradebook: true for activities that are tools for staff, such as the case-file audit.
   */
  default boolean trainersStartHere() {
    return false;
  }
}
