package uk.isafe.practice.assessment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.instrument.Problem;
import uk.isafe.practice.assessment.pathway.PathwayLibrary;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;

/**
 * {@code validate-instruments [SCENARIOS_DIR]}: checks {@code instruments/*.yaml} and {@code pathways/*.yaml} as the
 * server does at start, prints one line per problem (file:line: item: message) and exits 1 when any file is invalid.
 */
public final class ValidateInstrumentsCommand implements Command {
  private final PrintStream out;

  public ValidateInstrumentsCommand() {
    this(System.out);
  }

  ValidateInstrumentsCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String summary() {
    return "check self-assessment instruments and pathways [dir]";
  }

  @Override
  public int run(List<String> args, AppConfig config) {
    Path dir = args.isEmpty() ? config.scenariosDir() : Path.of(args.get(0));
    InstrumentLibrary instruments = InstrumentLibrary.load(dir.resolve("instruments"));
    PathwayLibrary pathways = PathwayLibrary.load(dir.resolve("pathways"), instruments);
    List<Problem> problems = new java.util.ArrayList<>(instruments.problems());
    problems.addAll(pathways.problems());
    problems.forEach(p -> out.println(p));
    int earlier = instruments.previous().values().stream().mapToInt(java.util.Map::size).sum();
    out.printf("%d instrument(s) (and %d earlier version(s) kept) and %d pathway(s) valid, %d problem(s)%n",
        instruments.instruments().size(), earlier, pathways.pathways().size(), problems.size());
    return problems.isEmpty() ? 0 : 1;
  }
}
