package uk.isafe.practice.gradebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.gradebook.stats.ChangeReading;
import uk.isafe.practice.gradebook.stats.PracticeBands;
import uk.isafe.practice.scenario.model.Competencies;
import uk.isafe.practice.scenario.model.Tags;

/** Every gradebook string comes from the bundle, exists, parses, and uses ’ rather than an ASCII apostrophe. */
class GradebookMessagesTest {
  static Properties bundle() throws IOException {
    Properties p = new Properties();
    try (var in = GradebookMessagesTest.class.getClassLoader()
        .getResourceAsStream("i18n/messages-gradebook.en-GB.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void every_literal_key_in_the_templates_exists() throws IOException {
    Properties p = bundle();
    Pattern key = Pattern.compile("t\\('([a-zA-Z0-9_.+-]+)'");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates/gradebook"))) {
      for (Path f : files.toList()) {
        Matcher m = key.matcher(Files.readString(f));
        while (m.find()) {
          String k = m.group(1);
          if (!k.endsWith(".") && !p.containsKey(k)) {
            missing.add(f.getFileName() + ": " + k);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void every_key_built_from_data_exists() throws IOException {
    Properties p = bundle();
    List<String> keys = new ArrayList<>();
    for (Cohort.Status s : Cohort.Status.values()) {
      keys.add("gradebook.status." + s.key());
    }
    for (String d : List.of("unknown", "sent", "queued", "failed", "not_sent")) {
      keys.add("gradebook.delivery." + d);
      keys.add("gradebook.delivery.short." + d);
    }
    for (PracticeBands.Band b : PracticeBands.Band.values()) {
      keys.add("gradebook.band." + b);
    }
    Stream.of(Tags.CONSISTENT, Tags.INCONSISTENT, Tags.QUESTIONS, List.of("GI", Tags.SAFE_PLUS, Tags.SAFE_MINUS))
        .flatMap(c -> c.stream()).forEach(t -> keys.add("gradebook.tag." + t));
    Competencies.scored(Competencies.AUTHORED).forEach(c -> keys.add("gradebook.competency." + c));
    for (String o : List.of("engaged", "partial", "disengaged", "unsafe")) {
      keys.add("gradebook.attempt.outcome." + o);
    }
    keys.add("gradebook.attempt.status.completed");
    keys.add("gradebook.attempt.status.in_progress");
    keys.add("gradebook.slope.rise");
    keys.add("gradebook.slope.fall");
    keys.add("gradebook.slope.same");
    for (ChangeReading.Why w : ChangeReading.Why.values()) {
      keys.add("gradebook.why." + w.name());
    }
    for (ChangeReading.Size z : ChangeReading.Size.values()) {
      if (z != ChangeReading.Size.UNKNOWN) {
        keys.add("gradebook.size." + z.name());
        keys.add("gradebook.team.size." + z.name());
      }
    }
    for (String sort : List.of("name", "status", "done", "attempts", "score", "pre", "post", "change", "scenario")) {
      keys.add("gradebook.sort." + sort);
    }
    assertEquals(List.of(), keys.stream().filter(k -> !p.containsKey(k)).toList());
  }

  @Test
  void values_use_typographic_apostrophes_and_parse_as_message_formats() throws IOException {
    Properties p = bundle();
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k);
      assertFalse(v.contains("'"), k + " has an ASCII apostrophe");
      new MessageFormat(v, Locale.UK);
      assertTrue(k.startsWith("gradebook."), k + " is outside the gradebook namespace");
    }
  }

  @Test
  void nothing_is_called_impact() throws IOException {
    bundle().forEach((k, v) -> assertFalse(v.toString().toLowerCase(Locale.ROOT).contains("impact"), k.toString()));
  }
}
