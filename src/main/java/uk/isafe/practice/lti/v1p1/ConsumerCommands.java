package uk.isafe.practice.lti.v1p1;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.core.ToolDatabase;

/**
 * The {@code platform} verbs for LTI 1.1 consumers: {@code add-consumer --name N --key K --secret S},
 * {@code list-consumers}, {@code disable-consumer N}, {@code enable-consumer N}. The secret is stored for signing and
 * never printed again; {@code --secret-env VAR} reads it from the environment instead of the command line (which
 * shell histories keep).
 */
public final class ConsumerCommands {
  private ConsumerCommands() {
  }

  public static Map<String, Command> verbs() {
    return verbs(System.out, System.getenv());
  }

  static Map<String, Command> verbs(PrintStream out, Map<String, String> env) {
    ConsumerRepository repository = new ConsumerRepository();
    Map<String, Command> verbs = new LinkedHashMap<>();
    verbs.put("add-consumer", command("platform add-consumer --name NAME --key KEY (--secret SECRET | --secret-env VAR)",
        (args, config) -> {
          Map<String, String> opts = options(args);
          String name = opts.get("--name");
          String key = opts.get("--key");
          String secret = Optional.ofNullable(opts.get("--secret"))
              .orElseGet(() -> opts.containsKey("--secret-env") ? env.get(opts.get("--secret-env")) : null);
          if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}") || key == null || key.isBlank()
              || secret == null || secret.isBlank()) {
            out.println("Usage: platform add-consumer --name NAME --key KEY (--secret SECRET | --secret-env VAR)\n"
                + "NAME: letters, digits, '.', '_' or '-'. The secret is stored for signing and not shown again.");
            return 2;
          }
          Optional<Long> id = ToolDatabase.run(config, (vertx, pool) -> repository.upsert(pool, name, key.strip(),
              secret, "cli"));
          if (id.isEmpty()) {
            out.println("'" + name + "' is the name of an LTI 1.3 registration: choose another name.");
            return 1;
          }
          out.println("LTI 1.1 consumer '" + name + "' saved (consumer key " + key.strip() + "). In the learning "
              + "platform, use the launch URL " + config.publicUrl().toString().replaceAll("/+$", "")
              + SignedLaunchRoutes.PATH + " with this key and secret.");
          return 0;
        }));
    verbs.put("list-consumers", command("platform list-consumers", (args, config) -> {
      List<Consumer> all = ToolDatabase.run(config, (vertx, pool) -> repository.all(pool));
      if (all.isEmpty()) {
        out.println("No LTI 1.1 consumers.");
      }
      all.forEach(c -> out.printf("%-20s %-8s consumer_key=%s%n", c.name(), c.enabled() ? "enabled" : "DISABLED",
          c.key()));
      return 0;
    }));
    for (boolean enable : new boolean[] {false, true}) {
      String verb = enable ? "enable-consumer" : "disable-consumer";
      verbs.put(verb, command("platform " + verb + " NAME", (args, config) -> {
        if (args.size() != 1) {
          out.println("Usage: platform " + verb + " NAME");
          return 2;
        }
        boolean found = ToolDatabase.run(config, (vertx, pool) -> repository.setEnabled(pool, args.get(0), enable));
        out.println(found ? "LTI 1.1 consumer '" + args.get(0) + "' " + (enable ? "enabled." : "disabled.")
            : "No LTI 1.1 consumer named '" + args.get(0) + "'.");
        return found ? 0 : 1;
      }));
    }
    return verbs;
  }

  private interface Body {
    int run(List<String> args, AppConfig config) throws Exception;
  }

  private static Command command(String usage, Body body) {
    return new Command() {
      @Override
      public String summary() {
        return usage;
      }

      @Override
      public int run(List<String> args, AppConfig config) throws Exception {
        return body.run(args, config);
      }
    };
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      out.put(args.get(i), args.get(i + 1));
    }
    return out;
  }
}
