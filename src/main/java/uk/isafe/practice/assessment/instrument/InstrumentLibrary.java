package uk.isafe.practice.assessment.instrument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The instruments of a directory ({@code scenarios/instruments/<id>.yaml}): the valid ones, served, and the problems
 * of the others, reported and not served. Blocking file reads: call it off the event loop. No Vert.x.
 */
public record InstrumentLibrary(Map<String, Instrument> instruments, List<Problem> problems) {

  public InstrumentLibrary {
    instruments = Map.copyOf(instruments);
    problems = List.copyOf(problems);
  }

  public Optional<Instrument> find(String id) {
    return Optional.ofNullable(instruments.get(id));
  }

  /** Loads every {@code *.yaml} file of {@code dir}; a missing directory is an empty library. */
  public static InstrumentLibrary load(Path dir) {
    Map<String, Instrument> ok = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : yamlFiles(dir)) {
      String name = file.toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        problems.add(new Problem(name, 0, null, "cannot read the file: " + e.getMessage()));
        continue;
      }
      InstrumentValidator.Result result = InstrumentValidator.validate(name, bytes);
      problems.addAll(result.problems());
      result.instrument().ifPresent(i -> {
        String expected = i.id() + ".yaml";
        if (!file.getFileName().toString().equals(expected)) {
          problems.add(new Problem(name, 1, null, "the file must be named after the instrument id: " + expected));
        } else {
          ok.put(i.id(), i);
        }
      });
    }
    return new InstrumentLibrary(ok, problems);
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
