package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message key the assessment templates and code use is in the bundle, and bundle values use ’ not '. */
class AssessmentMessagesTest {
  private static final Path BUNDLE = Path.of("src/main/resources/i18n/messages-assessment.en-GB.properties");

  private static Properties bundle() throws IOException {
    Properties p = new Properties();
    try (var in = new InputStreamReader(Files.newInputStream(BUNDLE), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  @Test
  void every_literal_key_used_is_defined() throws IOException {
    Properties p = bundle();
    Pattern literal = Pattern.compile("\"(assessment\\.[a-zA-Z.\\-]+[a-zA-Z])\"|t\\('(assessment\\.[a-zA-Z.\\-]+[a-zA-Z])'");
    TreeSet<String> missing = new TreeSet<>();
    for (Path dir : List.of(Path.of("src/main/resources/templates/assessment"),
        Path.of("src/main/java/uk/isafe/practice/assessment"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Matcher m = literal.matcher(Files.readString(f));
          while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            if (!key.endsWith(".") && !p.containsKey(key)) {
              missing.add(key + " (" + f.getFileName() + ")");
            }
          }
        }
      }
    }
    assertEquals(new TreeSet<>(), missing);
  }

  @Test
  void bundle_values_use_typographic_apostrophes() throws IOException {
    Properties p = bundle();
    for (String key : p.stringPropertyNames()) {
      assertFalse(p.getProperty(key).contains("'"), key);
    }
  }
}
