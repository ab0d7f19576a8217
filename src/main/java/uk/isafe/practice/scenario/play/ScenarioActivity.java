package uk.isafe.practice.scenario.play;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import uk.isafe.practice.core.activity.ActivityType;
import uk.isafe.practice.core.activity.CatalogueEntry;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.scenario.library.ScenarioLibrary;

/**
 * {@code activity=scenario:<id>}: one practice conversation. Its score (0–100, the ending's overall score) goes to the
 * link's own grade item. Answers from the library loaded at start; before that, nothing resolves.
 */
final class ScenarioActivity implements ActivityType {
  static final String PREFIX = "scenario";
  /** The scenario's score, on the activity's own grade item. */
  static final GradeKind GRADE = GradeKind.of("scenario", GradeKind.Column.ACTIVITY, 100,
      "scenario.gradeColumn", "scenario.gradeMeaning");

  /** One column per competency, out of 100, only on links whose custom parameter {@code competency_columns=true}. */
  static final GradeKind COMPETENCY = new GradeKind("competency:", true, GradeKind.Column.TOOL_CREATED, 100,
      "scenario.gradeColumn.competency", "scenario.gradeMeaning.competency", Optional.of("competency_columns"));

  private final Supplier<ScenarioLibrary> library;

  ScenarioActivity(Supplier<ScenarioLibrary> library) {
    this.library = library;
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public Optional<String> startPath(String argument) {
    return Optional.ofNullable(library.get()).flatMap(l -> l.get(argument)).map(s -> "/scenario/" + s.id());
  }

  @Override
  public List<CatalogueEntry> catalogue() {
    ScenarioLibrary l = library.get();
    return l == null ? List.of() : l.all().stream().map(s -> new CatalogueEntry(PREFIX + ":" + s.id(), PREFIX,
        s.scenario().title(), s.scenario().summary(), s.scenario().estimatedMinutes(),
        s.scenario().competencies())).toList();
  }

  @Override
  public List<GradeKind> gradeKinds() {
    return List.of(GRADE, COMPETENCY);
  }
}
