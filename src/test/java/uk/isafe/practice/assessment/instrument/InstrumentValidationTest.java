package uk.isafe.practice.assessment.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One broken file per rule; each must be rejected with a message naming the file, the line and the item or scale. */
class InstrumentValidationTest {
  private static final Path DIR = Path.of("src/test/resources/instruments");

  private static InstrumentValidator.Result validate(Path file) throws IOException {
    return InstrumentValidator.validate(file.toString(), Files.readAllBytes(file));
  }

  @Test
  void the_tiny_instrument_is_valid() throws IOException {
    InstrumentValidator.Result r = validate(DIR.resolve("valid/tiny.yaml"));
    assertEquals(List.of(), r.problems());
    Instrument i = r.instrument().orElseThrow();
    assertTrue(i.scale("confidence").orElseThrow().items().get(1).reverse());
    assertEquals(3, i.sections(i.wave("post").orElseThrow()).size(), "two scales and the retrospective block");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "yaml-syntax                  | YAML syntax error              |                 | ",
      "schema-missing-title         | title                          |                 | ",
      "duplicate-key                | appears twice                  |                 | version: 2",
      "duplicate-item-id            | used twice                     | item 'c1'       | '      - id: c1'",
      "scale-without-items          | has no items                   | scale 'team'    | '  - id: team'",
      "anchors-one-end-only         | at least both ends             | scale 'confidence' | '    anchors:'",
      "anchor-outside-scale         | not a point of the scale       | scale 'confidence' | '      9: Beyond'",
      "reverse-not-marked           | reverse-scored                 | item 'c2'       | '      - id: c2'",
      "wave-missing-scale           | scale 'team' is missing        | wave 'pre'      | '    scales: [confidence]'",
      "follow-up-without-post       | needs a post wave              | wave 'follow-up' | '  - id: follow-up'",
      "due-after-days-at-post       | only the follow-up wave        | wave 'post'     | '    due_after_days: 3'",
      "waves-out-of-order           | in the order learners meet     | wave 'pre'      | '  - id: pre'",
      "wave-items-differ            | same items at both             | scale 'confidence' | '      - scale: confidence'",
      "wave-item-not-in-scale       | not an item of scale           | wave 'pre'      | '        items: [c1, t1]'",
      "retrospective-at-follow-up   | only in the post wave          | wave 'follow-up' | '    retrospective:'",
      "wave-order-differs           | different order                | wave 'post'     | '    scales: [team, confidence]'",
      "retrospective-at-pre         | only in the post wave          | wave 'pre'      | '    retrospective:'",
      "retrospective-not-confidence | only for the confidence scale  | scale 'team'    | '      scale: team'"})
  void broken_file_is_rejected_with_file_line_and_subject(String name, String message, String subject,
      String lineStartsWith) throws IOException {
    Path file = DIR.resolve("broken/" + name + ".yaml");
    InstrumentValidator.Result r = validate(file);
    assertFalse(r.valid(), name + " must be rejected");
    assertTrue(r.instrument().isEmpty());
    Problem p = r.problems().stream().filter(x -> x.message().contains(message)).findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no problem mentions '" + message + "' in " + r.problems()));
    assertEquals(file.toString(), p.file());
    assertTrue(p.line() > 0, "a line is named: " + p);
    assertTrue(p.toString().startsWith(file + ":" + p.line() + ": "), p.toString());
    if (subject != null) {
      assertEquals(subject, p.subject(), p.toString());
    }
    if (lineStartsWith != null) {
      String line = Files.readAllLines(file).get(p.line() - 1);
      assertTrue(line.startsWith(lineStartsWith), "line " + p.line() + " is '" + line + "' for " + p);
    }
  }

  @Test
  void three_waves_with_a_shorter_post_and_a_dated_follow_up_are_valid() throws IOException {
    InstrumentValidator.Result r = validate(DIR.resolve("valid/three-waves.yaml"));
    assertEquals(List.of(), r.problems());
    Instrument i = r.instrument().orElseThrow();
    assertEquals(List.of("pre", "post", "follow-up"), i.waves().stream().map(Wave::id).toList());
    Wave post = i.wave("post").orElseThrow();
    assertEquals(List.of("confidence"), post.scaleIds());
    assertEquals(2, i.sections(post).size(), "confidence and its retrospective block");
    Wave followUp = i.wave("follow-up").orElseThrow();
    assertEquals(28, followUp.followUpDays());
    assertEquals("It is four weeks since your training.", i.intro(followUp));
    assertEquals("A tiny valid instrument for tests.", i.intro(post));
    assertEquals(Wave.DEFAULT_FOLLOW_UP_DAYS, new Wave("follow-up", List.of("confidence"),
        java.util.Optional.empty()).followUpDays());
  }

  @Test
  void a_wave_may_ask_part_of_a_scale_when_every_wave_asks_the_same_part() {
    String yaml = """
        id: part
        version: 1
        title: Part
        intro: Part of a scale.
        scales:
          - id: confidence
            construct: confidence
            title: C
            question: Q?
            min: 1
            max: 7
            anchors: {1: Low, 7: High}
            items:
              - {id: c1, text: One, reverse: false}
              - {id: c2, text: Two, reverse: false}
              - {id: c3, text: Three, reverse: true}
        waves:
          - id: pre
            scales: [{scale: confidence, items: [c3, c1]}]
          - id: post
            scales: [{scale: confidence, items: [c1, c3]}]
        """;
    InstrumentValidator.Result r = InstrumentValidator.validate("part.yaml", yaml.getBytes());
    assertEquals(List.of(), r.problems());
    Instrument i = r.instrument().orElseThrow();
    Scale asked = i.asked(i.wave("pre").orElseThrow(), "confidence").orElseThrow();
    assertEquals(List.of("c1", "c3"), asked.itemIds(), "the scale's order, whatever order the wave lists");
    assertEquals(List.of("c1", "c3"), i.sections(i.wave("post").orElseThrow()).get(0).scale().itemIds());
  }

  @Test
  void library_serves_valid_files_and_reports_broken_ones(@TempDir Path dir) throws IOException {
    Files.copy(DIR.resolve("valid/tiny.yaml"), dir.resolve("tiny.yaml"));
    Files.copy(DIR.resolve("broken/duplicate-item-id.yaml"), dir.resolve("broken.yaml"));
    Files.copy(DIR.resolve("valid/tiny.yaml"), dir.resolve("misnamed.yaml"));
    InstrumentLibrary library = InstrumentLibrary.load(dir);
    assertEquals(List.of("tiny"), List.copyOf(library.instruments().keySet()));
    assertTrue(library.problems().stream().anyMatch(p -> p.file().endsWith("broken.yaml")));
    assertTrue(library.problems().stream().anyMatch(p -> p.file().endsWith("misnamed.yaml")
        && p.message().contains("named after the instrument id")));
  }
}
