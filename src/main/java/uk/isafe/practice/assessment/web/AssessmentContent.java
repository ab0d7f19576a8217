package uk.isafe.practice.assessment.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.instrument.Problem;
import uk.isafe.practice.assessment.pathway.PathwayLibrary;

/** The instruments and pathways served, loaded together from the scenarios directory. */
record AssessmentContent(InstrumentLibrary instruments, PathwayLibrary pathways) {

  static final AssessmentContent EMPTY = new AssessmentContent(new InstrumentLibrary(java.util.Map.of(), List.of()),
      new PathwayLibrary(java.util.Map.of(), List.of()));

  /** Blocking: reads {@code scenarios/instruments/*.yaml} and {@code scenarios/pathways/*.yaml}. */
  static AssessmentContent load(Path scenariosDir) {
    InstrumentLibrary instruments = InstrumentLibrary.load(scenariosDir.resolve("instruments"));
    return new AssessmentContent(instruments, PathwayLibrary.load(scenariosDir.resolve("pathways"), instruments));
  }

  List<Problem> problems() {
    List<Problem> all = new ArrayList<>(instruments.problems());
    all.addAll(pathways.problems());
    return all;
  }
}
