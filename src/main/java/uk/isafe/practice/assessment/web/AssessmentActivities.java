package uk.isafe.practice.assessment.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.assessment.pathway.Pathway;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.core.activity.ActivityType;
import uk.isafe.practice.core.activity.CatalogueEntry;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.web.Messages;

/**
 * The two kinds of activity this feature serves: {@code assessment:<instrument>:<wave>} (one questionnaire wave) and
 * {@code pathway:<id>} (before questionnaire, scenarios, after questionnaire, then the follow-up when the instrument
 * has one). The confidence scale's mean out of 7 goes to a column per wave (before, after, follow-up) that the tool
 * creates in the course.
 */
final class AssessmentActivities {
  static final GradeKind CONFIDENCE_PRE = GradeKind.of("confidence-" + Wave.PRE, GradeKind.Column.TOOL_CREATED, 7,
      "assessment.gradeColumn.confidencePre", "assessment.gradeMeaning.confidence");
  static final GradeKind CONFIDENCE_POST = GradeKind.of("confidence-" + Wave.POST, GradeKind.Column.TOOL_CREATED, 7,
      "assessment.gradeColumn.confidencePost", "assessment.gradeMeaning.confidence");
  static final GradeKind CONFIDENCE_FOLLOW_UP = GradeKind.of("confidence-" + Wave.FOLLOW_UP,
      GradeKind.Column.TOOL_CREATED, 7, "assessment.gradeColumn.confidenceFollowUp",
      "assessment.gradeMeaning.confidence");
  /** A rough reading pace for estimating a questionnaire's length: items answered per minute. */
  private static final int ITEMS_PER_MINUTE = 4;

  private AssessmentActivities() {
  }

  /** The grade kind of a wave's confidence result. */
  static GradeKind confidence(String wave) {
    return switch (wave) {
      case Wave.PRE -> CONFIDENCE_PRE;
      case Wave.FOLLOW_UP -> CONFIDENCE_FOLLOW_UP;
      default -> CONFIDENCE_POST;
    };
  }

  static void register(Activities activities, Supplier<AssessmentContent> content, Messages messages) {
    Messages.Catalog m = messages.forLocale(Messages.SOURCE_LOCALE);
    activities.register(new Questionnaires(content, m));
    activities.register(new Pathways(content, m, activities));
  }

  static int minutes(Instrument instrument, Wave wave) {
    int items = instrument.sections(wave).stream().mapToInt(s -> s.scale().items().size()).sum();
    return Math.max(1, (items + ITEMS_PER_MINUTE - 1) / ITEMS_PER_MINUTE);
  }

  private record Questionnaires(Supplier<AssessmentContent> content, Messages.Catalog m) implements ActivityType {
    @Override
    public String prefix() {
      return "assessment";
    }

    @Override
    public Optional<String> startPath(String argument) {
      int colon = argument.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      String id = argument.substring(0, colon);
      String wave = argument.substring(colon + 1);
      return content.get().instruments().find(id).flatMap(i -> i.wave(wave))
          .map(w -> "/assessment/" + id + "/" + w.id());
    }

    @Override
    public List<CatalogueEntry> catalogue() {
      List<CatalogueEntry> out = new ArrayList<>();
      for (Instrument i : content.get().instruments().instruments().values()) {
        for (Wave w : i.waves()) {
          out.add(new CatalogueEntry("assessment:" + i.id() + ":" + w.id(), prefix(),
              m.get("assessment.catalogue.title." + w.id(), i.title()),
              m.get("assessment.catalogue.description." + w.id()), minutes(i, w), List.of()));
        }
      }
      return out;
    }

    @Override
    public List<GradeKind> gradeKinds() {
      return List.of(CONFIDENCE_PRE, CONFIDENCE_POST, CONFIDENCE_FOLLOW_UP);
    }
  }

  private record Pathways(Supplier<AssessmentContent> content, Messages.Catalog m, Activities activities)
      implements ActivityType {
    @Override
    public String prefix() {
      return "pathway";
    }

    @Override
    public Optional<String> startPath(String argument) {
      return content.get().pathways().find(argument).map(p -> "/pathway/" + p.id());
    }

    @Override
    public List<CatalogueEntry> catalogue() {
      List<CatalogueEntry> scenarios = activities.catalogue("scenario");
      List<CatalogueEntry> out = new ArrayList<>();
      for (Pathway p : content.get().pathways().pathways().values()) {
        int minutes = content.get().instruments().find(p.instrumentId())
            .map(i -> i.waves().stream().mapToInt(w -> minutes(i, w)).sum()).orElse(0);
        Set<String> competencies = new LinkedHashSet<>();
        for (String id : p.scenarioIds()) {
          for (CatalogueEntry e : scenarios) {
            if (e.activity().equals("scenario:" + id)) {
              minutes += e.minutes();
              competencies.addAll(e.competencies());
            }
          }
        }
        out.add(new CatalogueEntry("pathway:" + p.id(), prefix(), p.title(),
            m.get("assessment.catalogue.description.pathway", p.steps().size()), minutes,
            List.copyOf(competencies)));
      }
      return out;
    }

    @Override
    public List<GradeKind> gradeKinds() {
      return List.of();
    }
  }
}
