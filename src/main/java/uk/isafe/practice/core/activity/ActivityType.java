package uk.isafe.practice.core.activity;

import java.util.List;
import java.util.Optional;

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
   * Whether trainers (and administrators) who open such a link go to {@link #startPath} too, rather than to the
   * course gradebook: true for activities that are tools for staff, such as the case-file audit.
   */
  default boolean trainersStartHere() {
    return false;
  }
}
