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
  void working_with_fathers_v2_has_the_trial_outcomes_as_scales_and_three_waves() {
    Instrument i = InstrumentLibrary.load(INSTRUMENTS).find("working-with-fathers").orElseThrow();
    assertEquals(2, i.version());
    assertEquals("Working with fathers and male carers", i.title());
    assertEquals(List.of("confidence", "competence", "effectiveness", "frequency", "organisation", "casework"),
        i.scales().stream().map(Scale::construct).toList());
    for (Scale s : i.scales()) {
      assertTrue(s.items().size() >= 4 && s.items().size() <= 9, s.id() + " has 4–9 items");
      assertTrue(s.anchor(s.min()).isPresent() && s.anchor(s.max()).isPresent(), s.id());
    }
    assertEquals(7, i.scale("confidence").orElseThrow().max());
    assertEquals(5, i.scale("effectiveness").orElseThrow().max());
    assertTrue(i.scales().stream().flatMap(s -> s.items().stream()).anyMatch(Item::reverse));
    assertEquals(List.of("confidence", "competence", "effectiveness", "frequency", "team", "casework"),
        i.wave("pre").orElseThrow().scaleIds());
    Wave post = i.wave("post").orElseThrow();
    assertEquals(List.of("confidence", "competence", "effectiveness"), post.scaleIds(),
        "post, minutes after the training, does not ask about the last two months or the team");
    assertEquals("confidence", post.retrospective().orElseThrow().scaleId());
    Wave followUp = i.wave("follow-up").orElseThrow();
    assertEquals(i.wave("pre").orElseThrow().scaleIds(), followUp.scaleIds());
    assertEquals(56, followUp.followUpDays());
    assertTrue(followUp.retrospective().isEmpty());
    assertTrue(i.intro(followUp).contains("two months"));
  }

  @Test
  void v2_asks_about_domestic_abuse_and_interpreters_and_no_longer_asks_two_things_in_one_item() {
    Instrument i = InstrumentLibrary.load(INSTRUMENTS).find("working-with-fathers").orElseThrow();
    List<String> texts = i.scales().stream().flatMap(s -> s.items().stream()).map(Item::text).toList();
    assertTrue(texts.stream().filter(t -> t.contains("domestic abuse")).count() >= 3, texts.toString());
    assertTrue(texts.stream().filter(t -> t.contains("interpreter")).count() >= 3, texts.toString());
    for (String doubled : List.of("details, views and contribution", "open questions and reflections",
        "strengths and what he wants", "time and place", "contacted and assessed", "name and contact details",
        "what the father could offer the child and any risk")) {
      assertTrue(texts.stream().noneMatch(t -> t.contains(doubled)), "still asks two things: " + doubled);
    }
  }

  @Test
  void v1_stays_readable_and_items_kept_from_it_keep_their_wording() {
    InstrumentLibrary library = InstrumentLibrary.load(INSTRUMENTS);
    Instrument v1 = library.find("working-with-fathers", 1).orElseThrow();
    Instrument v2 = library.find("working-with-fathers").orElseThrow();
    assertEquals(8, v1.scale("confidence").orElseThrow().items().size());
    assertEquals(v1.wave("pre").orElseThrow().scaleIds(), v1.wave("post").orElseThrow().scaleIds());
    int shared = 0;
    for (Scale s : v2.scales()) {
      for (Item item : s.items()) {
        var old = v1.scales().stream().flatMap(x -> x.items().stream()).filter(x -> x.id().equals(item.id()))
            .findFirst();
        if (old.isPresent()) {
          shared++;
          assertEquals(old.get().text(), item.text(), "a kept id keeps its meaning: " + item.id());
        }
      }
    }
    assertEquals(22, shared, "items v1 and v2 share (compared across versions)");
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
