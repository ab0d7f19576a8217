package uk.isafe.practice.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.core.ConfigException;

/**
 * Entry point. {@code java -jar isafe-practice.jar} (or {@code serve}) runs the server; other words run tools:
 * see {@code help}. {@code --config FILE} (or {@code ISAFE_CONFIG}) names an optional YAML settings file.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  /** The command-line tools besides {@code serve}. */
  static Map<String, Command> commands() {
    Map<String, Command> commands = new LinkedHashMap<>();
    commands.put("validate", new ValidateAllCommand());
    commands.put("platform", new uk.isafe.practice.lti.registration.PlatformCommand(
        uk.isafe.practice.lti.v1p1.ConsumerCommands.verbs()));
    commands.put("keys", new uk.isafe.practice.lti.keys.KeysCommand());
    commands.put("validate-instruments", new uk.isafe.practice.assessment.ValidateInstrumentsCommand());
    commands.put("privacy", new uk.isafe.practice.privacy.PrivacyCommand());
    commands.put("grants", new uk.isafe.practice.gradebook.team.GrantsCommand());
    commands.put("validate-audit", new uk.isafe.practice.audit.cli.ValidateBankCommand());
    return commands;
  }

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    Optional<Path> configFile = Optional.ofNullable(System.getenv("ISAFE_CONFIG")).filter(s -> !s.isBlank())
        .map(Path::of);
    int at = rest.indexOf("--config");
    if (at >= 0) {
      if (at + 1 >= rest.size()) {
        System.err.println("Configuration error: --config needs a file name");
        System.exit(2);
      }
      configFile = Optional.of(Path.of(rest.get(at + 1)));
      rest.remove(at + 1);
      rest.remove(at);
    }
    String name = rest.isEmpty() ? "serve" : rest.remove(0);
    AppConfig config;
    try {
      config = AppConfig.load(System.getenv(), configFile);
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Command> commands = commands();
    if (name.equals("serve")) {
      System.exit(serve(config));
    } else if (commands.containsKey(name)) {
      try {
        System.exit(commands.get(name).run(rest, config));
      } catch (ConfigException e) {
        System.err.println("Configuration error: " + e.getMessage());
        System.exit(2);
      } catch (Exception e) {
        System.err.println(name + " failed: " + e.getMessage());
        System.exit(1);
      }
    } else {
      printHelp(commands, name.equals("help") || name.equals("--help") ? null : name);
      System.exit(name.equals("help") || name.equals("--help") ? 0 : 2);
    }
  }

  private static int serve(AppConfig config) {
    Application app;
    try {
      app = Application.start(config).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
      System.err.println("Start-up failed: " + cause.getMessage());
      LOG.debug("start-up failure", cause);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      try {
        app.stop().await(config.shutdownGrace().toSeconds() + 60, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("shutdown did not complete cleanly reason={}", e.getMessage());
      }
    }, "isafe-shutdown"));
    System.out.println("ISAFE Practice is running at " + config.publicUrl() + " (Ctrl+C to stop)");
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void printHelp(Map<String, Command> commands, String unknown) {
    if (unknown != null) {
      System.err.println("Unknown command: " + unknown);
    }
    System.err.println("Usage: java -jar isafe-practice.jar [--config FILE] [command]");
    System.err.println("  serve                 run the server (the default)");
    commands.forEach((n, c) -> System.err.printf("  %-21s %s%n", n, c.summary()));
  }
}
