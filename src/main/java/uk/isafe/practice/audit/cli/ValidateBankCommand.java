package uk.isafe.practice.audit.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankLibrary;
import uk.isafe.practice.audit.bank.BankProblem;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;

/**
 * {@code validate-audit [DIR]} (default {@code scenarios/audit}): checks the audit item banks as the server does at
 * start, prints a summary per bank and one line per problem (file:line: subject: message), and exits 1 when any bank
 * is invalid, 2 when there is nothing to check. {@code validate} runs it too, on {@code <dir>/audit}.
 */
public final class ValidateBankCommand implements Command {
  private final PrintStream out;

  public ValidateBankCommand() {
    this(System.out);
  }

  public ValidateBankCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String summary() {
    return "check the case-file audit's item banks [scenarios/audit]";
  }

  @Override
  public int run(List<String> args, AppConfig config) {
    return run(Path.of(args.isEmpty() ? "scenarios/audit" : args.get(0)));
  }

  public int run(Path dir) {
    if (!Files.isDirectory(dir)) {
      out.println("No such directory: " + dir);
      return 2;
    }
    BankLibrary lib = BankLibrary.load(dir);
    if (lib.banks().isEmpty() && lib.problems().isEmpty()) {
      out.println("No audit banks found in " + dir);
      return 2;
    }
    for (AuditBank b : lib.banks().values()) {
      out.printf("OK      %s/%s.yaml: version %d, %d per-man and %d per-child items, %d indicators, locales %s%n",
          dir, b.id(), b.version(), b.manItems().size(), b.childItems().size(), b.indicators().size(), b.locales());
    }
    for (BankProblem p : lib.problems()) {
      out.println("INVALID " + p);
    }
    out.printf("%d bank(s) valid, %d problem(s)%n", lib.banks().size(), lib.problems().size());
    return lib.problems().isEmpty() ? 0 : 1;
  }
}
