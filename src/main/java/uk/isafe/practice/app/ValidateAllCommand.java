package uk.isafe.practice.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import uk.isafe.practice.audit.cli.ValidateBankCommand;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.scenario.cli.ValidateCommand;

/**
 * {@code validate [DIR|FILE...]}: the scenarios, and for each directory given (default {@code scenarios}) the audit
 * item banks in its {@code audit/} folder. The exit code is the worse of the two.
 */
final class ValidateAllCommand implements Command {
  private final ValidateCommand scenarios = new ValidateCommand();

  @Override
  public String summary() {
    return scenarios.summary() + " (and the audit banks in <dir>/audit)";
  }

  @Override
  public int run(List<String> args, AppConfig config) throws Exception {
    int code = scenarios.run(args, config);
    for (String dir : args.isEmpty() ? List.of("scenarios") : args) {
      Path audit = Path.of(dir).resolve("audit");
      if (Files.isDirectory(Path.of(dir)) && Files.isDirectory(audit)) {
        int banks = new ValidateBankCommand().run(audit);
        code = Math.max(code, banks == 2 ? 0 : banks);
      }
    }
    return code;
  }
}
