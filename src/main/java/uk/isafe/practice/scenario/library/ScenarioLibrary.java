package uk.isafe.practice.scenario.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.scenario.engine.Engine;
import uk.isafe.practice.scenario.engine.LoadedScenario;
import uk.isafe.practice.scenario.engine.ScenarioAnalysis;
import uk.isafe.practice.scenario.validate.Problem;
import uk.isafe.practice.scenario.validate.ScenarioValidator;
import uk.isafe.practice.scenario.validate.ValidationReport;

/**
 * The validated scenarios of a directory: every {@code *.yaml} directly under it (not i18n/, instruments/ or
 * pathways/, which are subdirectories). Invalid files are logged and not served; the others are. Immutable after
 * {@link #load}; blocking I/O, so load it off the event loop.
 */
public final class ScenarioLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(ScenarioLibrary.class);

  private final Map<String, LoadedScenario> scenarios;
  private final Map<String, Engine> engines;
  private final List<ValidationReport> reports;

  private ScenarioLibrary(List<ValidationReport> reports) {
    Map<String, LoadedScenario> byId = new LinkedHashMap<>();
    Map<String, Engine> engineById = new LinkedHashMap<>();
    for (ValidationReport r : reports) {
      r.scenario().ifPresent(s -> {
        byId.put(s.id(), s);
        engineById.put(s.id(), new Engine(s));
      });
    }
    this.scenarios = Collections.unmodifiableMap(byId);
    this.engines = Collections.unmodifiableMap(engineById);
    this.reports = List.copyOf(reports);
  }

  /** Loads and validates every scenario file directly under {@code dir}; a missing directory gives an empty library. */
  public static ScenarioLibrary load(Path dir) throws IOException {
    List<ValidationReport> reports = new ArrayList<>();
    for (Path file : scenarioFiles(dir)) {
      ValidationReport r = ScenarioValidator.validate(file);
      if (r.valid()) {
        LOG.info("scenario loaded file={} {}", file, r.analysis().map(ScenarioAnalysis::summary).orElse(""));
      } else {
        LOG.warn("scenario refused reason=invalid_scenario file={} errors={}", file, r.errors().size());
        r.errors().forEach(p -> LOG.warn("scenario problem {}", p.format()));
      }
      r.warnings().forEach(p -> LOG.debug("scenario warning {}", p.format()));
      reports.add(r);
    }
    return new ScenarioLibrary(reports);
  }

  /** The *.yaml / *.yml files directly under dir, sorted by name. */
  public static List<Path> scenarioFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
          .sorted().toList();
    }
  }

  public Optional<LoadedScenario> get(String id) {
    return Optional.ofNullable(scenarios.get(id));
  }

  /** A shared engine for a served scenario (engines are stateless and thread-safe). */
  public Optional<Engine> engine(String id) {
    return Optional.ofNullable(engines.get(id));
  }

  /** Served scenarios in file-name order. */
  public Collection<LoadedScenario> all() {
    return scenarios.values();
  }

  /** Every file's report, valid or not. */
  public List<ValidationReport> reports() {
    return reports;
  }

  /** Problems (errors and warnings) per file that has any. */
  public Map<String, List<Problem>> problems() {
    Map<String, List<Problem>> out = new LinkedHashMap<>();
    reports.stream().filter(r -> !r.problems().isEmpty()).forEach(r -> out.put(r.file(), r.problems()));
    return out;
  }
}
