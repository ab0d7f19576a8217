package uk.isafe.practice.lti.registration;

import io.vertx.core.Future;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.core.ConfigException;
import uk.isafe.practice.core.ToolDatabase;

/**
 * {@code platform add|list|disable|enable|approve-deployment}: manage registrations without editing files. Works
 * while the server runs (it attaches to the running embedded database); the server sees changes at the next launch,
 * and its CSP frame origins within a minute.
 */
public final class PlatformCommand implements Command {
  private static final String USAGE = """
      Usage:
        platform list
        platform add --name NAME --issuer URL --client-id ID --auth-login-url URL --auth-token-url URL \\
                     --key-set-url URL --deployment ID [--deployment ID...] [--token-audience AUD] \\
                     [--unknown-deployment-policy reject|pending]
        platform add --file lti-config/platforms/NAME.yaml
        platform disable NAME
        platform enable NAME
        platform approve-deployment NAME DEPLOYMENT_ID""";
  private final PrintStream out;
  private final RegistrationRepository repository = new RegistrationRepository();
  private final Map<String, Command> more;

  public PlatformCommand() {
    this(System.out, Map.of());
  }

  /** {@code more}: further verbs (e.g. LTI 1.1 consumers), each a command of its own, listed after ours. */
  public PlatformCommand(Map<String, Command> more) {
    this(System.out, more);
  }

  PlatformCommand(PrintStream out) {
    this(out, Map.of());
  }

  PlatformCommand(PrintStream out, Map<String, Command> more) {
    this.out = out;
    this.more = new LinkedHashMap<>(more);
  }

  private String usage() {
    StringBuilder u = new StringBuilder(USAGE);
    more.forEach((verb, c) -> u.append("\n  ").append(c.summary()));
    return u.toString();
  }

  @Override
  public String summary() {
    return "list, add, disable, enable LTI platform registrations; approve-deployment";
  }

  @Override
  public int run(List<String> args, AppConfig config) throws Exception {
    if (args.isEmpty()) {
      out.println(usage());
      return 2;
    }
    String verb = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (verb) {
      case "list" -> {
        return list(config);
      }
      case "add" -> {
        RegistrationSpec spec = parseAdd(rest);
        long id = ToolDatabase.run(config, (vertx, pool) -> repository.upsert(pool, spec));
        out.println("Registration '" + spec.name() + "' stored (id " + id + ") issuer=" + spec.issuer()
            + " client_id=" + spec.clientId() + " deployments=" + spec.deploymentIds());
        return 0;
      }
      case "disable", "enable" -> {
        if (rest.size() != 1) {
          out.println(USAGE);
          return 2;
        }
        boolean found = ToolDatabase.run(config, (vertx, pool) -> repository.setEnabled(pool, rest.get(0),
            verb.equals("enable")));
        out.println(found ? "Registration '" + rest.get(0) + "' " + verb + "d."
            : "No registration named '" + rest.get(0) + "'.");
        return found ? 0 : 1;
      }
      case "approve-deployment" -> {
        if (rest.size() != 2) {
          out.println(USAGE);
          return 2;
        }
        boolean found = ToolDatabase.run(config, (vertx, pool) -> repository.approveDeployment(pool, rest.get(0),
            rest.get(1)));
        out.println(found ? "Deployment " + rest.get(1) + " of '" + rest.get(0) + "' is active."
            : "No deployment " + rest.get(1) + " recorded for '" + rest.get(0) + "' (it appears after a first launch, "
            + "or add it with platform add).");
        return found ? 0 : 1;
      }
      default -> {
        if (more.containsKey(verb)) {
          return more.get(verb).run(rest, config);
        }
        out.println(usage());
        return 2;
      }
    }
  }

  private int list(AppConfig config) throws Exception {
    List<String> lines = ToolDatabase.run(config, (vertx, pool) -> repository.all(pool).compose(all -> {
      List<String> out = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (PlatformRegistration r : all) {
        chain = chain.compose(v -> repository.deployments(pool, r.id()).map(deps -> {
          StringBuilder d = new StringBuilder();
          deps.forEach(pair -> d.append(d.length() == 0 ? "" : ", ").append(pair[0]).append(" (").append(pair[1])
              .append(')'));
          out.add(String.format("%-20s %-8s issuer=%s client_id=%s policy=%s deployments=[%s]", r.name(),
              r.enabled() ? "enabled" : "DISABLED", r.issuer(), r.clientId(), r.unknownDeploymentPolicy().dbValue(),
              d));
          return null;
        }));
      }
      return chain.map(out);
    }));
    if (lines.isEmpty()) {
      out.println("No platform registrations. Add one with 'platform add' or a file in lti-config/platforms/.");
    }
    lines.forEach(out::println);
    return 0;
  }

  static RegistrationSpec parseAdd(List<String> args) {
    Map<String, String> single = new HashMap<>();
    List<String> deployments = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (!flag.startsWith("--") || i + 1 >= args.size()) {
        throw new ConfigException("platform add", "expected --option value, got '" + flag + "'");
      }
      String value = args.get(++i);
      if (flag.equals("--deployment")) {
        deployments.add(value);
      } else {
        single.put(flag.substring(2), value);
      }
    }
    if (single.containsKey("file")) {
      RegistrationSpec fromFile = RegistrationFiles.read(Path.of(single.get("file")));
      return new RegistrationSpec(fromFile.name(), fromFile.issuer(), fromFile.clientId(), fromFile.authLoginUrl(),
          fromFile.authTokenUrl(), fromFile.keySetUrl(), fromFile.deploymentIds(), fromFile.tokenAudience(),
          fromFile.unknownDeploymentPolicy(), "cli");
    }
    for (String f : List.of("name", "issuer", "client-id", "auth-login-url", "auth-token-url", "key-set-url")) {
      if (!single.containsKey(f) || single.get(f).isBlank()) {
        throw new ConfigException("platform add", "--" + f + " is required");
      }
      if (f.endsWith("url") && !RegistrationFiles.validUrl(single.get(f))) {
        throw new ConfigException("platform add", "--" + f + " must be an http:// or https:// URL");
      }
    }
    if (deployments.isEmpty()) {
      throw new ConfigException("platform add", "at least one --deployment is required (Moodle: the tool's type id)");
    }
    PlatformRegistration.DeploymentPolicy policy;
    try {
      policy = PlatformRegistration.DeploymentPolicy.parse(single.getOrDefault("unknown-deployment-policy", "reject"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("platform add --unknown-deployment-policy", e.getMessage());
    }
    return new RegistrationSpec(single.get("name"), single.get("issuer"), single.get("client-id"),
        single.get("auth-login-url"), single.get("auth-token-url"), single.get("key-set-url"),
        List.copyOf(deployments), Optional.ofNullable(single.get("token-audience")), policy, "cli");
  }
}
