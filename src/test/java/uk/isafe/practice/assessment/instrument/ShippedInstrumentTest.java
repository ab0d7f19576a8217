package uk.isafe.practice.assessment.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.assessment.pathway.PathwayLibrary;

class ShippedInstrumentTest {
  private static final Path INSTRUMENTS = Path.of("scenarios/instruments");

  @Test
  void every_shipped_instrument_validates() {
    InstrumentLibrary library = InstrumentLibrary.load(INSTRUMENTS);
    assertEquals(List.of(), library.problems().stream().map(Problem::toString).toList());
    assertTrue(library.find("working-with-fathers").isPresent());
  }

  @Test
  void working_with_fathers_has_the_designed_scales_and_a_confidence_only_retrospective_at_post() {
    Instrument i = InstrumentLibrary.load(INSTRUMENTS).find("working-with-fathers").orElseThrow();
    assertEquals("Working with fathers and male carers", i.title());
    assertEquals(8, i.scale("confidence").orElseThrow().items().size());
    assertEquals(7, i.scale("confidence").orElseThrow().max());
    assertEquals(6, i.scale("competence").orElseThrow().items().size());
    assertEquals(6, i.scale("frequency").orElseThrow().items().size());
    assertEquals(5, i.scale("frequency").orElseThrow().max());
    assertEquals(5, i.scale("team").orElseThrow().items().size());
    assertTrue(i.scales().stream().flatMap(s -> s.items().stream()).anyMatch(Item::reverse));
    assertTrue(i.wave("pre").orElseThrow().retrospective().isEmpty());
    assertEquals("confidence", i.wave("post").orElseThrow().retrospective().orElseThrow().scaleId());
    for (Scale s : i.scales()) {
      assertTrue(s.anchor(s.min()).isPresent() && s.anchor(s.max()).isPresent(), s.id());
    }
  }

  @Test
  void shipped_pathway_runs_the_eight_core_scenarios_with_the_instrument() {
    InstrumentLibrary instruments = InstrumentLibrary.load(INSTRUMENTS);
    PathwayLibrary pathways = PathwayLibrary.load(Path.of("scenarios/pathways"), instruments);
    assertEquals(List.of(), pathways.problems().stream().map(Problem::toString).toList());
    assertEquals(List.of("dad-not-on-file", "the-order", "already-decided", "nights-and-weekends", "dad-abroad",
        "the-man-in-the-house", "before-the-baby", "before-proceedings"),
        pathways.find("fathers-core").orElseThrow().scenarioIds());
  }
}
