package uk.isafe.practice.audit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate-audit} (and so {@code validate}) on the shipped bank and on a bank with a broken reference. */
class ValidateBankCommandTest {

  private static String run(Path dir, int expected) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new ValidateBankCommand(new PrintStream(out, true, StandardCharsets.UTF_8)).run(dir);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(expected, code, text);
    return text;
  }

  @Test
  void the_shipped_bank_is_valid() {
    String out = run(Path.of("scenarios/audit"), 0);
    assertTrue(out.contains("OK      scenarios/audit/father-inclusion.yaml: version 1"), out);
  }

  @Test
  void a_broken_reference_fails_with_file_line_and_indicator(@TempDir Path dir) throws IOException {
    String yaml = Files.readString(Path.of("scenarios/audit/father-inclusion.yaml"))
        .replace("items: [m-informed, m-seen]", "items: [m-informed, m-sene]");
    Files.writeString(dir.resolve("father-inclusion.yaml"), yaml);
    String out = run(dir, 1);
    assertTrue(out.contains("indicator 'engaged': broken reference: no item 'm-sene'"), out);
    assertTrue(out.matches("(?s).*father-inclusion\\.yaml:\\d+: .*"), out);
  }

  @Test
  void nothing_to_check_is_exit_code_2(@TempDir Path dir) {
    run(dir, 2);
    run(dir.resolve("missing"), 2);
  }
}
