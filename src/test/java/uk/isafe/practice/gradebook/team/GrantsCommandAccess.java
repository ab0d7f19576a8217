package uk.isafe.practice.gradebook.team;

import java.io.PrintStream;
import java.util.List;
import uk.isafe.practice.core.AppConfig;

/** Runs {@link GrantsCommand} from tests in other packages, with its output captured or discarded. */
public final class GrantsCommandAccess {
  private GrantsCommandAccess() {
  }

  public static int run(List<String> args, AppConfig config) throws Exception {
    return run(args, config, new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  public static int run(List<String> args, AppConfig config, PrintStream out) throws Exception {
    return new GrantsCommand(out).run(args, config);
  }
}
