package uk.isafe.practice.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.isafe.practice.core.AppConfig;

class ValidateInstrumentsCommandTest {
  private static final AppConfig CONFIG = AppConfig.load(Map.of(), Optional.empty());

  @Test
  void shipped_content_is_valid() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = new ValidateInstrumentsCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(List.of("scenarios"), CONFIG);
    assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("1 instrument(s) (and 1 earlier version(s) kept)"),
        buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void broken_instrument_exits_1_naming_file_line_and_item(@TempDir Path dir) throws IOException {
    Path instruments = Files.createDirectories(dir.resolve("instruments"));
    Files.copy(Path.of("src/test/resources/instruments/broken/reverse-not-marked.yaml"),
        instruments.resolve("tiny.yaml"));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = new ValidateInstrumentsCommand(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .run(List.of(dir.toString()), CONFIG);
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(1, code);
    assertTrue(out.contains("tiny.yaml:") && out.contains("item 'c2': say whether"), out);
  }
}
