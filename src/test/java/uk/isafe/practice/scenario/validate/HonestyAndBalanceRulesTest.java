package uk.isafe.practice.scenario.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.Fixtures;

/** The validator's rules for honest MI tags and for a best option that cannot be found by length or position. */
class HonestyAndBalanceRulesTest {
  private static final Path TINY = Fixtures.VALID.resolve("tiny-call.yaml");

  private static ValidationReport variant(String from, String to) throws Exception {
    String yaml = Files.readString(TINY);
    assertTrue(yaml.contains(from), from);
    return ScenarioValidator.validate(TINY, yaml.replace(from, to).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> messages(ValidationReport r, Severity severity) {
    return r.problems().stream().filter(p -> p.severity() == severity).map(Problem::message).toList();
  }

  @Test
  void the_unchanged_fixture_passes_every_rule() {
    ValidationReport r = ScenarioValidator.validate(TINY);
    assertEquals(List.of(), r.problems().stream().map(Problem::format).toList());
  }

  @Test
  void an_open_question_tag_on_a_closed_question_is_an_error() throws Exception {
    ValidationReport r = variant("What would you want me to know about you and Mia?",
        "Would you tell me a bit about you and Mia?");
    assertTrue(messages(r, Severity.ERROR).stream().anyMatch(m -> m.startsWith("tagged OQ, but every question")),
        r.problems().toString());
    assertTrue(r.problems().stream().anyMatch(p -> "open-question".equals(p.choiceId())));
  }

  @Test
  void an_open_question_after_a_closed_one_is_fine() {
    assertTrue(!MiTagCheck.onlyClosedQuestions("Is that right? What happened next?"));
    assertTrue(MiTagCheck.onlyClosedQuestions("Has he ever hurt you, then or since?"));
    assertTrue(!MiTagCheck.onlyClosedQuestions("Tell me about Lauren."), "an invitation is not a closed question");
  }

  @Test
  void information_given_straight_after_asking_permission_is_an_error() throws Exception {
    ValidationReport r = variant("Thank you for staying on the line. That matters for Mia.",
        "Can I tell you what other dads have done? Most of them come to the review.");
    assertTrue(messages(r, Severity.ERROR).stream().anyMatch(m -> m.startsWith("asks permission to give")),
        r.problems().toString());
    ValidationReport waits = variant("Thank you for staying on the line. That matters for Mia.",
        "Can I tell you what other dads have done?");
    assertTrue(messages(waits, Severity.ERROR).isEmpty(), waits.problems().toString());
  }

  @Test
  void a_top_option_that_is_usually_the_longest_is_a_warning() throws Exception {
    ValidationReport r = variant("If you don’t engage with us, decisions about Mia will be made without you.",
        "If you don’t engage, Mia’s plan goes ahead.");
    assertTrue(messages(r, Severity.WARNING).stream().anyMatch(m -> m.contains("also the longest in 1 of 2")),
        r.problems().toString());
  }

  @Test
  void always_choosing_the_first_option_reaching_a_best_ending_is_an_error() throws Exception {
    // the first option at ask-view (affirm-call) now also records his number and moves on: always-first wins
    ValidationReport ordered = ScenarioValidator.validate(TINY, Files.readString(TINY)
        .replace("        next: ask-view\n      - id: ask-details", "        next: check\n      - id: ask-details")
        .replace("        tags: [AF]\n        points: {C1_risk_resource: 1}\n",
            "        tags: [AF]\n        points: {C3_recording_details: 3, C1_risk_resource: 1}\n"
            + "        effects: [{var: has_number, set: true}]\n")
        .getBytes(StandardCharsets.UTF_8));
    assertTrue(messages(ordered, Severity.ERROR).stream()
        .anyMatch(m -> m.startsWith("always choosing the first option as written reaches a best ending")),
        ordered.problems().toString());
  }

  @Test
  void always_choosing_the_longest_option_reaching_a_best_ending_is_an_error() throws Exception {
    ValidationReport r = variant("Before anything else I have to explain our assessment process to you.",
        "Explain.");
    ValidationReport longest = ScenarioValidator.validate(TINY, Files.readString(TINY)
        .replace("Before anything else I have to explain our assessment process to you.", "Explain.")
        .replace("It sounds like this call has come out of the blue.",
            "It sounds like this call has come completely out of the blue for you today.")
        .replace("If you don’t engage with us, decisions about Mia will be made without you.", "Engage, please.")
        .getBytes(StandardCharsets.UTF_8));
    assertTrue(messages(longest, Severity.ERROR).stream()
        .anyMatch(m -> m.startsWith("always choosing the longest option reaches a best ending")),
        longest.problems().toString());
    assertTrue(messages(r, Severity.ERROR).stream().noneMatch(m -> m.startsWith("always choosing the longest")));
  }
}
