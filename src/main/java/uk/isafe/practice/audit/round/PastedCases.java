package uk.isafe.practice.audit.round;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankText;
import uk.isafe.practice.audit.protect.AgeBand;
import uk.isafe.practice.audit.protect.CaseRefHasher;

/**
 * Reads the case list an administrator pastes for a team: one case per line, {@code reference} or
 * {@code reference, stage, age band} (comma or tab separated; stage by id or label, e.g. {@code cp} or
 * {@code Child protection}; age band as {@code under-1, 1-4, 5-9, 10-15, 16-plus}). A reference must contain a
 * digit, so a pasted name is refused, never stored. Every problem names its line; nothing is kept from a list with
 * problems. The references live only in memory until they are hashed. Pure Java.
 */
public final class PastedCases {
  public static final int MAX_LINES = 2000;
  public static final int MAX_REFERENCE = 40;

  /** One listed case. */
  public record Line(String reference, Optional<String> stage, Optional<AgeBand> ageBand) {
  }

  /** A problem on a line: a message key of the bundle and its argument (never the reference itself). */
  public record Problem(int line, String key, String argument) {
  }

  /** The cases, or the problems. */
  public record Result(List<Line> cases, List<Problem> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private PastedCases() {
  }

  public static Result parse(String text, AuditBank bank, BankText words) {
    List<Line> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = text == null ? new String[0] : text.split("\\R", -1);
    if (lines.length > MAX_LINES) {
      return new Result(List.of(), List.of(new Problem(0, "audit.cases.tooMany", String.valueOf(MAX_LINES))));
    }
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i].strip();
      if (raw.isEmpty()) {
        continue;
      }
      int n = i + 1;
      String[] cells = raw.split("\\s*[,\\t]\\s*", -1);
      String ref = CaseRefHasher.normalise(cells[0]);
      if (ref.isEmpty()) {
        problems.add(new Problem(n, "audit.cases.noReference", ""));
        continue;
      }
      if (ref.length() > MAX_REFERENCE) {
        problems.add(new Problem(n, "audit.cases.tooLong", String.valueOf(MAX_REFERENCE)));
        continue;
      }
      if (!ref.matches(".*\\d.*")) {
        problems.add(new Problem(n, "audit.cases.noDigit", ""));
        continue;
      }
      if (cells.length > 3) {
        problems.add(new Problem(n, "audit.cases.tooManyCells", ""));
        continue;
      }
      Optional<String> stage = Optional.empty();
      if (cells.length >= 2 && !cells[1].isBlank()) {
        stage = stage(cells[1], bank, words);
        if (stage.isEmpty()) {
          problems.add(new Problem(n, "audit.cases.unknownStage", cells[1]));
          continue;
        }
      }
      Optional<AgeBand> band = Optional.empty();
      if (cells.length == 3 && !cells[2].isBlank()) {
        band = AgeBand.parse(cells[2].toLowerCase(Locale.ROOT).replace("–", "-").replace(" ", ""));
        if (band.isEmpty()) {
          problems.add(new Problem(n, "audit.cases.unknownAgeBand", cells[2]));
          continue;
        }
      }
      if (!seen.add(ref)) {
        problems.add(new Problem(n, "audit.cases.duplicate", ""));
        continue;
      }
      out.add(new Line(ref, stage, band));
    }
    if (out.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(0, "audit.cases.none", ""));
    }
    return problems.isEmpty() ? new Result(List.copyOf(out), List.of()) : new Result(List.of(), List.copyOf(problems));
  }

  private static Optional<String> stage(String cell, AuditBank bank, BankText words) {
    String c = cell.strip().toLowerCase(Locale.ROOT);
    return bank.stages().stream()
        .filter(s -> s.id().equals(c) || words.stage(s.id()).toLowerCase(Locale.ROOT).equals(c))
        .map(s -> s.id()).findFirst();
  }
}
