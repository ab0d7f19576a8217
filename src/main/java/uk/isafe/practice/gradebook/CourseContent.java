package uk.isafe.practice.gradebook;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.instrument.Scale;
import uk.isafe.practice.assessment.pathway.Pathway;
import uk.isafe.practice.assessment.pathway.PathwayLibrary;

/**
 * What the gradebook reads from the content the other features serve: the scenarios’ words ({@link ScenarioTexts}),
 * the questionnaires’ scale headings, maxima and order, and what each kind of activity asks of a learner. Read
 * through suppliers, so content loaded after wiring is seen; anything unknown falls back to its id.
 */
final class CourseContent {
  private final ScenarioTexts texts;
  private final Supplier<InstrumentLibrary> instruments;
  private final Supplier<PathwayLibrary> pathways;

  CourseContent(ScenarioTexts texts, Supplier<InstrumentLibrary> instruments, Supplier<PathwayLibrary> pathways) {
    this.texts = texts;
    this.instruments = instruments == null ? () -> null : instruments;
    this.pathways = pathways == null ? () -> null : pathways;
  }

  ScenarioTexts texts() {
    return texts;
  }

  /** The scale of {@code key} ({@code instrument/scale}) in the served questionnaire, if it is there. */
  Optional<Scale> scale(String key) {
    int slash = key.indexOf('/');
    InstrumentLibrary lib = instruments.get();
    if (slash < 0 || lib == null) {
      return Optional.empty();
    }
    return lib.find(key.substring(0, slash)).flatMap(i -> i.scale(key.substring(slash + 1)));
  }

  /** The questionnaire’s heading for the scale; its id, capitalised, when the questionnaire is not served. */
  String scaleTitle(String key) {
    return scale(key).map(Scale::title).orElseGet(() -> {
      String id = key.substring(key.indexOf('/') + 1);
      return id.isEmpty() ? key : id.substring(0, 1).toUpperCase(Locale.UK) + id.substring(1).replace('-', ' ');
    });
  }

  /** The top of the scale (7 for a 1–7 scale), or null when the questionnaire is not served. */
  Integer scaleMax(String key) {
    return scale(key).map(Scale::max).orElse(null);
  }

  /** Scales in the questionnaire’s order (unknown ones after, by id). */
  Comparator<String> scaleOrder() {
    return Comparator.comparingInt(this::position);
  }

  private int position(String key) {
    int slash = key.indexOf('/');
    InstrumentLibrary lib = instruments.get();
    if (slash < 0 || lib == null) {
      return Integer.MAX_VALUE;
    }
    Optional<Instrument> instrument = lib.find(key.substring(0, slash));
    if (instrument.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    List<Scale> scales = instrument.get().scales();
    for (int i = 0; i < scales.size(); i++) {
      if (scales.get(i).id().equals(key.substring(slash + 1))) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  /**
   * What the link value {@code activity} asks of a learner, or empty when it is not an activity this tool knows
   * (an unknown pathway asks for nothing we could check, so it is left out rather than never finished).
   */
  Optional<CohortData.Activity> activity(String activity) {
    int colon = activity.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String arg = activity.substring(colon + 1);
    return switch (activity.substring(0, colon)) {
      case "scenario" -> Optional.of(new CohortData.Activity(activity, texts.title(arg), Set.of(arg), Set.of()));
      case "assessment" -> {
        int c = arg.lastIndexOf(':');
        if (c < 0) {
          yield Optional.empty();
        }
        String instrument = arg.substring(0, c);
        InstrumentLibrary lib = instruments.get();
        String title = lib == null ? instrument : lib.find(instrument).map(Instrument::title).orElse(instrument);
        yield Optional.of(new CohortData.Activity(activity, title, arg.substring(c + 1), Set.of(), Set.of(arg)));
      }
      case "pathway" -> {
        PathwayLibrary lib = pathways.get();
        Optional<Pathway> p = lib == null ? Optional.empty() : lib.find(arg);
        yield p.map(pathway -> new CohortData.Activity(activity, pathway.title(),
            Set.copyOf(new LinkedHashSet<>(pathway.scenarioIds())),
            Set.of(pathway.instrumentId() + ":pre", pathway.instrumentId() + ":post")));
      }
      default -> Optional.empty();
    };
  }
}
