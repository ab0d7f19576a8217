package uk.isafe.practice.audit.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The item banks of a directory ({@code scenarios/audit/<id>.yaml}, locale tables in {@code i18n/<id>.<locale>.yaml}):
 * the valid ones, and the problems of the others, reported and not served. Blocking file reads: call it off the
 * event loop. No Vert.x.
 */
public record BankLibrary(Map<String, AuditBank> banks, Map<String, byte[]> sources, List<BankProblem> problems) {

  public BankLibrary {
    banks = Map.copyOf(banks);
    sources = Map.copyOf(sources);
    problems = List.copyOf(problems);
  }

  public Optional<AuditBank> find(String id) {
    return Optional.ofNullable(banks.get(id));
  }

  /** The exact bytes the bank was read from (stored with a round, so a round can always be shown as it was run). */
  public Optional<byte[]> source(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  public static BankLibrary load(Path dir) {
    Map<String, AuditBank> ok = new LinkedHashMap<>();
    Map<String, byte[]> sources = new HashMap<>();
    List<BankProblem> problems = new ArrayList<>();
    for (Path file : yamlFiles(dir)) {
      String name = file.toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        problems.add(new BankProblem(name, 0, null, "cannot read the file: " + e.getMessage()));
        continue;
      }
      String base = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      BankValidator.Result result = BankValidator.validate(name, bytes, tables(dir.resolve("i18n"), base, problems));
      problems.addAll(result.problems());
      result.bank().ifPresent(b -> {
        if (!b.id().equals(base)) {
          problems.add(new BankProblem(name, 1, null, "the file must be named after the bank id: " + b.id() + ".yaml"));
        } else {
          ok.put(b.id(), b);
          sources.put(b.id(), bytes);
        }
      });
    }
    return new BankLibrary(ok, sources, problems);
  }

  private static Map<String, BankValidator.LocaleFile> tables(Path i18n, String base, List<BankProblem> problems) {
    Map<String, BankValidator.LocaleFile> out = new HashMap<>();
    for (Path f : yamlFiles(i18n)) {
      String n = f.getFileName().toString();
      if (n.startsWith(base + ".")) {
        String locale = n.substring(base.length() + 1, n.length() - ".yaml".length());
        try {
          out.put(locale, new BankValidator.LocaleFile(f.toString(), Files.readAllBytes(f)));
        } catch (IOException e) {
          problems.add(new BankProblem(f.toString(), 0, null, "cannot read the file: " + e.getMessage()));
        }
      }
    }
    return out;
  }

  static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
