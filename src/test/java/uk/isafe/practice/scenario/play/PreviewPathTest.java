package uk.isafe.practice.scenario.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.web.HttpProblem;

class PreviewPathTest {
  @Test
  void a_path_round_trips_with_continues_as_underscores() {
    List<String> steps = List.of("explain-process", "", "reflect-surprise");
    assertEquals("explain-process,_,reflect-surprise", PreviewPath.format(steps));
    assertEquals(steps, PreviewPath.parse("explain-process,_,reflect-surprise"));
    assertEquals(List.of(), PreviewPath.parse(null));
    assertEquals(List.of(), PreviewPath.parse(""));
  }

  @Test
  void a_path_with_anything_but_ids_is_refused() {
    assertEquals(400, assertThrows(HttpProblem.class, () -> PreviewPath.parse("ok-id,<script>")).status());
    assertEquals(400, assertThrows(HttpProblem.class, () -> PreviewPath.parse("a,,b")).status());
    assertEquals(400, assertThrows(HttpProblem.class, () -> PreviewPath.parse("ab,".repeat(501) + "ab")).status());
  }

  @Test
  void paragraphs_split_on_blank_lines_and_join_wrapped_lines() {
    assertEquals(List.of("One line wrapped here.", "Two."), PageModels.paragraphs("One line\nwrapped here.\n\n  Two.\n"));
    assertEquals(List.of(), PageModels.paragraphs(null));
  }
}
