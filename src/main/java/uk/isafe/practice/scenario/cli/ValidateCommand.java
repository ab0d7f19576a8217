package uk.isafe.practice.scenario.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.isafe.practice.scenario.engine.Balance;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.scenario.engine.ScenarioAnalysis;
import uk.isafe.practice.scenario.library.ScenarioLibrary;
import uk.isafe.practice.scenario.validate.Problem;
import uk.isafe.practice.scenario.validate.ScenarioValidator;
import uk.isafe.practice.scenario.validate.ValidationReport;

/**
 * {@code validate [DIR|FILE...]} (default {@code scenarios}): prints a summary per scenario and every error and
 * warning; exit code 1 when any error, 2 when there is nothing to validate.
 */
public final class ValidateCommand implements Command {
  @Override
  public String summary() {
    return "validate scenario files: validate [scenarios/ | file.yaml ...]";
  }

  @Override
  public int run(List<String> args, AppConfig config) throws Exception {
    return run(args, System.out);
  }

  private static String describe(Balance.Strategy s) {
    return s == null ? "never ends (it loops)"
        : String.format(Locale.UK, "ends '%s' (%s, %.1f)", s.endingId(), s.outcome(), s.overall());
  }

  public int run(List<String> args, PrintStream out) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String arg : args.isEmpty() ? List.of("scenarios") : args) {
      Path p = Path.of(arg);
      if (!Files.exists(p)) {
        out.println("No such file or directory: " + p);
        return 2;
      }
      if (Files.isDirectory(p)) {
        files.addAll(ScenarioLibrary.scenarioFiles(p));
      } else {
        files.add(p);
      }
    }
    if (files.isEmpty()) {
      out.println("No scenario files found in " + String.join(" ", args));
      return 2;
    }
    long started = System.nanoTime();
    int errors = 0;
    int warnings = 0;
    for (Path file : files) {
      ValidationReport r = ScenarioValidator.validate(file);
      out.println((r.valid() ? "OK      " : "INVALID ") + file + r.analysis().map(a -> ": " + a.summary())
          .orElse(""));
      r.analysis().map(ScenarioAnalysis::minPoints).ifPresent(min -> {
        StringBuilder b = new StringBuilder("        min");
        min.forEach((c, v) -> b.append(' ').append(c).append('=').append(v));
        out.println(b);
      });
      r.scenario().map(Balance::measure).ifPresent(b -> out.printf(Locale.UK,
          "        best path scores %.1f; top option is the longest in %d/%d turns (%.0f%%), first as written in"
              + " %d/%d; always-first %s; always-longest %s%n", b.best(), b.longestIsTop(), b.turns(),
          b.longestShare() * 100, b.firstIsTop(), b.turns(), describe(b.first()), describe(b.longest())));
      for (Problem p : r.problems()) {
        out.println("  " + p);
      }
      errors += r.errors().size();
      warnings += r.warnings().size();
    }
    out.printf("%d file(s), %d error(s), %d warning(s) in %d ms%n", files.size(), errors, warnings,
        (System.nanoTime() - started) / 1_000_000);
    return errors > 0 ? 1 : 0;
  }
}
