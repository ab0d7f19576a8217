package uk.isafe.practice.assessment.instrument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The instruments of a directory: the current version of each ({@code <dir>/<id>.yaml}), served for new answers, and
 * earlier versions ({@code <dir>/previous/<id>.v<version>.yaml}), kept so that answers given to them stay readable and
 * can be compared on the items versions share. Valid files are served; the problems of the others are reported and
 * they are not served. A current version that breaks a promise made to stored answers (a kept item id moving scale,
 * changing direction, or a kept scale changing its points) is not served either. Blocking file reads: call it off
 * the event loop. No Vert.x.
 *
 * @param instruments the current version of each instrument, by id
 * @param previous    earlier versions by instrument id, then version
 */
public record InstrumentLibrary(Map<String, Instrument> instruments, Map<String, Map<Integer, Instrument>> previous,
    List<Problem> problems) {
  /** Where earlier versions live, under the instruments directory. */
  public static final String PREVIOUS_DIR = "previous";
  private static final Pattern PREVIOUS_NAME = Pattern.compile("(.+)\\.v([0-9]{1,4})\\.yaml");

  public InstrumentLibrary {
    instruments = Map.copyOf(instruments);
    Map<String, Map<Integer, Instrument>> copy = new LinkedHashMap<>();
    previous.forEach((id, byVersion) -> copy.put(id, Map.copyOf(byVersion)));
    previous = Map.copyOf(copy);
    problems = List.copyOf(problems);
  }

  public InstrumentLibrary(Map<String, Instrument> instruments, List<Problem> problems) {
    this(instruments, Map.of(), problems);
  }

  /** The current version, served for new answers. */
  public Optional<Instrument> find(String id) {
    return Optional.ofNullable(instruments.get(id));
  }

  /** A given version: the current one or a kept earlier one (for showing and comparing stored answers). */
  public Optional<Instrument> find(String id, int version) {
    Instrument current = instruments.get(id);
    if (current != null && current.version() == version) {
      return Optional.of(current);
    }
    return Optional.ofNullable(previous.getOrDefault(id, Map.of()).get(version));
  }

  /** Loads the current and earlier versions; a missing directory is an empty library. */
  public static InstrumentLibrary load(Path dir) {
    Map<String, Instrument> ok = new LinkedHashMap<>();
    Map<String, InstrumentValidator.Result> sources = new LinkedHashMap<>();
    Map<String, String> files = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : yamlFiles(dir)) {
      String name = file.toString();
      Optional<InstrumentValidator.Result> read = read(file, problems);
      read.flatMap(InstrumentValidator.Result::instrument).ifPresent(i -> {
        String expected = i.id() + ".yaml";
        if (!file.getFileName().toString().equals(expected)) {
          problems.add(new Problem(name, 1, null, "the file must be named after the instrument id: " + expected));
        } else {
          ok.put(i.id(), i);
          sources.put(i.id(), read.get());
          files.put(i.id(), name);
        }
      });
    }
    Map<String, Map<Integer, Instrument>> previous = new TreeMap<>();
    for (Path file : yamlFiles(dir.resolve(PREVIOUS_DIR))) {
      String name = file.toString();
      read(file, problems).flatMap(InstrumentValidator.Result::instrument).ifPresent(i -> {
        Matcher m = PREVIOUS_NAME.matcher(file.getFileName().toString());
        String expected = i.id() + ".v" + i.version() + ".yaml";
        if (!m.matches() || !file.getFileName().toString().equals(expected)) {
          problems.add(new Problem(name, 1, null, "an earlier version must be named after the instrument id and its "
              + "version: " + expected));
        } else if (!ok.containsKey(i.id())) {
          problems.add(new Problem(name, 1, null, "there is no valid current version of instrument '" + i.id()
              + "' (" + dir.resolve(i.id() + ".yaml") + "): an earlier version is kept only beside its current one"));
        } else if (i.version() >= ok.get(i.id()).version()) {
          problems.add(new Problem(name, 1, null, "version " + i.version() + " is not earlier than the current "
              + "version (" + ok.get(i.id()).version() + ")"));
        } else if (previous.getOrDefault(i.id(), Map.of()).containsKey(i.version())) {
          problems.add(new Problem(name, 1, null, "version " + i.version() + " is kept twice"));
        } else {
          previous.computeIfAbsent(i.id(), k -> new TreeMap<>()).put(i.version(), i);
        }
      });
    }
    previous.forEach((id, versions) -> {
      List<Problem> broken = VersionChecks.check(files.get(id), sources.get(id), ok.get(id), versions.values());
      if (!broken.isEmpty()) {
        problems.addAll(broken);
        ok.remove(id);
      }
    });
    previous.keySet().retainAll(ok.keySet());
    return new InstrumentLibrary(ok, previous, problems);
  }

  private static Optional<InstrumentValidator.Result> read(Path file, List<Problem> problems) {
    try {
      InstrumentValidator.Result result = InstrumentValidator.validate(file.toString(), Files.readAllBytes(file));
      problems.addAll(result.problems());
      return Optional.of(result);
    } catch (IOException e) {
      problems.add(new Problem(file.toString(), 0, null, "cannot read the file: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /** The {@code .yaml} files directly in {@code dir}, sorted by name. */
  public static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
