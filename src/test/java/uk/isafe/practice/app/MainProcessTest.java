package uk.isafe.practice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real entry point in a separate JVM: a bad setting stops start-up with one line and a non-zero exit. */
class MainProcessTest {

  private record Result(int exit, String stderr) {
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getInputStream().close();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits promptly");
    return new Result(p.exitValue(), err);
  }

  @Test
  void a_bad_setting_stops_start_up_with_one_line_naming_it() throws Exception {
    Result r = run(Map.of("PORT", "not-a-port"));
    assertEquals(2, r.exit());
    assertEquals("Configuration error: PORT: must be a whole number, got 'not-a-port'", r.stderr().strip());
  }

  @Test
  void an_unknown_command_lists_the_commands() throws Exception {
    Result r = run(Map.of(), "frobnicate");
    assertEquals(2, r.exit());
    assertTrue(r.stderr().contains("Unknown command: frobnicate"), r.stderr());
    assertTrue(r.stderr().contains("serve"), r.stderr());
  }
}
