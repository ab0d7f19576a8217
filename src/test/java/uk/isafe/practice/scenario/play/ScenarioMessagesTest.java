package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradePassback;
import uk.isafe.practice.scenario.engine.Indicators;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Tags;
import uk.isafe.practice.web.Messages;

/** Every message the player's templates can ask for exists, including the keys built from tags and enums. */
class ScenarioMessagesTest {
  private final Messages.Catalog en = Messages.load().forLocale("en-GB");

  @Test
  void every_literal_key_in_the_scenario_templates_is_in_the_bundle() throws Exception {
    Pattern literal = Pattern.compile("t\\('([a-zA-Z0-9._]+)'");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates/scenario"))) {
      for (Path f : files.toList()) {
        Matcher m = literal.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).endsWith(".") && !en.has(m.group(1))) {
            missing.add(f.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void every_key_built_from_a_tag_competency_band_outcome_or_delivery_exists() {
    List<String> keys = new ArrayList<>();
    Stream.of(Tags.CONSISTENT, Tags.INCONSISTENT, Tags.QUESTIONS, List.of("GI", Tags.SAFE_PLUS, Tags.SAFE_MINUS))
        .flatMap(java.util.Collection::stream).forEach(t -> keys.add("scenario.tag." + t));
    List<String> competencies = new ArrayList<>(Competencies.AUTHORED);
    competencies.add(Competencies.MI_SPIRIT);
    competencies.forEach(c -> {
      keys.add("scenario.competency." + c);
      keys.add("scenario.competency." + c + ".about");
    });
    for (Indicators.Band b : Indicators.Band.values()) {
      keys.add("scenario.ind.band." + b.name());
    }
    for (GradePassback.Delivery d : GradePassback.Delivery.values()) {
      keys.add("scenario.delivery." + d.name());
    }
    List.of("PREVIEW", "ANONYMOUS_PREVIEW").forEach(d -> keys.add("scenario.delivery." + d));
    List.of("engaged", "partial", "disengaged", "unsafe").forEach(o -> keys.add("scenario.outcome." + o));
    List.of("strong", "developing", "early").forEach(b -> keys.add("scenario.band." + b));
    List.of("stale", "done").forEach(n -> keys.add("scenario.notice." + n));
    List<String> missing = keys.stream().filter(k -> !en.has(k)).toList();
    assertEquals(List.of(), missing);
    assertTrue(keys.size() > 40);
  }

  @Test
  void coaching_text_refers_to_the_person_spoken_to_with_their_pronouns() {
    for (String p : List.of("he", "she", "they")) {
      for (String form : List.of("object", "subject", "determiner", "possessive")) {
        assertTrue(en.has("scenario.pronoun." + p + "." + form), p + "." + form);
      }
    }
    String she = en.get("scenario.tag.RC", en.get("scenario.pronoun.she.object"), en.get("scenario.pronoun.she.subject"),
        en.get("scenario.pronoun.she.determiner"), en.get("scenario.pronoun.she.possessive"));
    assertTrue(she.contains("what she meant"), she);
    String ea = en.get("scenario.tag.EA", "them", "they", "their", "theirs");
    assertTrue(ea.contains("the choice is theirs"), ea);
    for (String tag : Tags.CONSISTENT) {
      assertTrue(!en.get("scenario.tag." + tag, "her", "she", "her", "hers").matches("(?s).*\\b(he|him|his)\\b.*"),
          tag + " still assumes a man");
    }
  }
}
