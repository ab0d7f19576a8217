package uk.isafe.practice.assessment.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Earlier versions kept under previous/: readable, found by version, and held to what they promised stored answers. */
class InstrumentVersionsTest {

  private static String instrument(int version, String scaleMax, String items) {
    return """
        id: tool
        version: %d
        title: Tool
        intro: Intro.
        scales:
          - id: confidence
            construct: confidence
            title: C
            question: Q?
            min: 1
            max: %s
            anchors: {1: Low, %s: High}
            items:
        %s
          - id: team
            construct: organisation
            title: T
            question: Q?
            min: 1
            max: 5
            anchors: {1: Low, 5: High}
            items:
              - {id: t1, text: Team, reverse: false}
        waves:
          - id: pre
            scales: [confidence, team]
          - id: post
            scales: [confidence]
        """.formatted(version, scaleMax, scaleMax, items.indent(6).stripTrailing());
  }

  private static final String V1_ITEMS = """
      - {id: c1, text: One, reverse: false}
      - {id: c-both, text: This and that, reverse: false}""";
  private static final String V2_ITEMS = """
      - {id: c1, text: One, reverse: false}
      - {id: c-this, text: This, reverse: false}
      - {id: c-that, text: That, reverse: false}""";

  private static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void current_and_previous_versions_load_and_are_found_by_version(@TempDir Path dir) throws IOException {
    write(dir, "tool.yaml", instrument(2, "7", V2_ITEMS));
    write(dir, "previous/tool.v1.yaml", instrument(1, "7", V1_ITEMS));
    InstrumentLibrary library = InstrumentLibrary.load(dir);
    assertEquals(List.of(), library.problems());
    assertEquals(2, library.find("tool").orElseThrow().version());
    assertEquals(2, library.find("tool", 2).orElseThrow().version());
    Instrument v1 = library.find("tool", 1).orElseThrow();
    assertEquals(List.of("c1", "c-both"), v1.scale("confidence").orElseThrow().itemIds());
    assertTrue(library.find("tool", 3).isEmpty());
    assertTrue(library.find("other", 1).isEmpty());
  }

  @Test
  void a_previous_file_must_be_named_after_id_and_version(@TempDir Path dir) throws IOException {
    write(dir, "tool.yaml", instrument(2, "7", V2_ITEMS));
    write(dir, "previous/tool.v3.yaml", instrument(1, "7", V1_ITEMS));
    InstrumentLibrary library = InstrumentLibrary.load(dir);
    assertTrue(library.find("tool", 1).isEmpty());
    assertTrue(library.problems().stream().anyMatch(p -> p.message().contains("tool.v1.yaml")), library.problems()
        .toString());
    assertTrue(library.find("tool").isPresent(), "the current version is still served");
  }

  @Test
  void a_previous_version_must_be_earlier_and_beside_a_current_one(@TempDir Path dir) throws IOException {
    write(dir, "tool.yaml", instrument(2, "7", V2_ITEMS));
    write(dir, "previous/tool.v2.yaml", instrument(2, "7", V1_ITEMS));
    write(dir, "previous/gone.v1.yaml", instrument(1, "7", V1_ITEMS).replace("id: tool", "id: gone"));
    List<String> problems = InstrumentLibrary.load(dir).problems().stream().map(Problem::toString).toList();
    assertTrue(problems.stream().anyMatch(p -> p.contains("tool.v2.yaml") && p.contains("not earlier")), problems
        .toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("gone.v1.yaml") && p.contains("no valid current version")),
        problems.toString());
  }

  @Test
  void a_kept_item_that_changes_direction_makes_the_current_version_unservable(@TempDir Path dir) throws IOException {
    Path current = write(dir, "tool.yaml", instrument(2, "7", V2_ITEMS.replace("{id: c1, text: One, reverse: false}",
        "{id: c1, text: One, reverse: true}")));
    write(dir, "previous/tool.v1.yaml", instrument(1, "7", V1_ITEMS));
    InstrumentLibrary library = InstrumentLibrary.load(dir);
    assertTrue(library.find("tool").isEmpty());
    assertTrue(library.find("tool", 1).isEmpty());
    Problem p = library.problems().stream().filter(x -> x.message().contains("direction")).findFirst().orElseThrow();
    assertEquals(current.toString(), p.file());
    assertEquals("item 'c1'", p.subject());
    assertTrue(Files.readAllLines(current).get(p.line() - 1).contains("id: c1"), p.toString());
  }

  @Test
  void a_kept_item_moved_to_another_scale_or_a_scale_on_new_points_is_refused(@TempDir Path dir) throws IOException {
    String moved = instrument(2, "7", V2_ITEMS).replace("{id: t1, text: Team", "{id: c-both, text: Team");
    write(dir, "tool.yaml", moved);
    write(dir, "previous/tool.v1.yaml", instrument(1, "7", V1_ITEMS));
    assertTrue(InstrumentLibrary.load(dir).problems().stream().anyMatch(p -> p.message().contains("was in scale "
        + "'confidence'") && "item 'c-both'".equals(p.subject())));
    write(dir, "tool.yaml", instrument(2, "5", V2_ITEMS));
    assertTrue(InstrumentLibrary.load(dir).problems().stream().anyMatch(p -> p.message().contains("was 1–7")
        && "scale 'confidence'".equals(p.subject())));
  }
}
