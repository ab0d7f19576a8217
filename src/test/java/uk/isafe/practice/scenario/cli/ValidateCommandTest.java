package uk.isafe.practice.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.scenario.Fixtures;

class ValidateCommandTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void valid_directory_prints_a_summary_and_exits_zero() throws Exception {
    assertEquals(0, new ValidateCommand().run(List.of(Fixtures.VALID.toString()), out));
    assertTrue(output().contains("OK      " + Fixtures.VALID.resolve("tiny-call.yaml")
        + ": 7 nodes, 3 endings, "), output());
    assertTrue(output().contains("best path 2 turns to 'engaged-end' (engaged); max C1_risk_resource=2"
        + " C3_recording_details=3 C6_mi_spirit=2"), output());
    assertTrue(output().contains("best path scores 100.0; top option is the longest in 0/2 turns (0%)"), output());
    assertTrue(output().contains("always-first never ends (it loops)"), output());
    assertTrue(output().contains("1 file(s), 0 error(s), 0 warning(s)"), output());
  }

  @Test
  void broken_files_print_every_problem_and_exit_non_zero() throws Exception {
    assertEquals(1, new ValidateCommand().run(List.of(Fixtures.BROKEN.toString()), out));
    assertTrue(output().contains("INVALID " + Fixtures.BROKEN.resolve("dead-end.yaml")), output());
    assertTrue(output().contains("ERROR   " + Fixtures.BROKEN.resolve("schema-no-feedback.yaml") + ":"), output());
    assertTrue(output().contains("WARNING "), output());
  }

  @Test
  void nothing_to_validate_is_its_own_exit_code() throws Exception {
    assertEquals(2, new ValidateCommand().run(List.of("src/test/resources/no-such-dir"), out));
  }
}
