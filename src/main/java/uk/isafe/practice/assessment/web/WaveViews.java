package uk.isafe.practice.assessment.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.assessment.instrument.Scale;

/** What the wave templates show: plain records built from the instrument and the stored answers. No Vert.x. */
final class WaveViews {
  /** The form field for an item's answer. */
  static final String FIELD_PREFIX = "answer-";

  private WaveViews() {
  }

  /** One radio: its value, element id, and label (number plus anchor text where the scale has one). */
  record Option(int value, String elementId, String label, boolean checked) {
  }

  /** One question as a fieldset; {@code elementId} is the first radio's id, the target of error-summary links. */
  record ItemView(String id, String field, String elementId, String text, boolean error, List<Option> options,
      String answerLabel) {
  }

  /** An error-summary entry. */
  record ErrorLink(String href, String itemText) {
  }

  static String elementId(String itemId) {
    return "q-" + itemId;
  }

  static String label(Scale scale, int point) {
    return scale.anchor(point).map(a -> point + " – " + a).orElse(String.valueOf(point));
  }

  static List<ItemView> items(Instrument.Section section, Map<String, Integer> answers, Set<String> missing) {
    Scale scale = section.scale();
    List<ItemView> out = new ArrayList<>();
    for (Item item : scale.items()) {
      Integer chosen = answers.get(item.id());
      List<Option> options = new ArrayList<>();
      for (int p : scale.points()) {
        String id = p == scale.min() ? elementId(item.id()) : elementId(item.id()) + "-" + p;
        options.add(new Option(p, id, label(scale, p), chosen != null && chosen == p));
      }
      out.add(new ItemView(item.id(), FIELD_PREFIX + item.id(), elementId(item.id()), item.text(),
          missing.contains(item.id()), options, chosen == null ? null : label(scale, chosen)));
    }
    return out;
  }

  static List<ErrorLink> errors(Instrument.Section section, Set<String> missing) {
    List<ErrorLink> out = new ArrayList<>();
    for (Item item : section.scale().items()) {
      if (missing.contains(item.id())) {
        out.add(new ErrorLink("#" + elementId(item.id()), item.text()));
      }
    }
    return out;
  }

  static String number(OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.UK, "%.1f", d.getAsDouble()) : null;
  }

  /** A date as learners read it: "23 January 2027". */
  static String date(java.time.LocalDate d, uk.isafe.practice.web.Messages.Catalog m) {
    return d.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag(m.tag())));
  }

  static String number(double d) {
    return String.format(Locale.UK, "%.1f", d);
  }

  /** A read-only section of a completed response. */
  record AnsweredSection(String title, String question, boolean retrospective, List<ItemView> items) {
  }

  static List<AnsweredSection> answered(Instrument instrument, List<Instrument.Section> sections,
      Map<String, Integer> answers, Map<String, Integer> retrospective) {
    List<AnsweredSection> out = new ArrayList<>();
    for (Instrument.Section s : sections) {
      String title = s.isRetrospective() ? s.retrospective().title() : s.scale().title();
      String question = s.isRetrospective() ? s.retrospective().question() : s.scale().question();
      out.add(new AnsweredSection(title, question, s.isRetrospective(),
          items(s, s.isRetrospective() ? retrospective : answers, Set.of())));
    }
    return out;
  }
}
