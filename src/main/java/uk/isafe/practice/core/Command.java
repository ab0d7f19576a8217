package uk.isafe.practice.core;

import java.util.List;

/** A command-line tool: {@code java -jar isafe-practice.jar <name> args...}. Returns the process exit code. */
public interface Command {
  /** One line for {@code help}. */
  String summary();

  int run(List<String> args, AppConfig config) throws Exception;
}
