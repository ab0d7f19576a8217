package uk.isafe.practice.lti.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import uk.isafe.practice.core.ConfigException;

/**
 * Reads {@code <LTI_CONFIG_DIR>/platforms/<name>.yaml} (or {@code .yml}). Only files ending exactly in {@code .yaml}
 * or {@code .yml} are registrations: {@code moodle.yaml.example} and the README are ignored, and so is any file whose
 * name starts with {@code _} or {@code .}. A bad file stops start-up with a message naming the file and the field.
 * Blocking: call off the event loop.
 */
public final class RegistrationFiles {
  private static final Set<String> FIELDS = Set.of("issuer", "client_id", "auth_login_url", "auth_token_url",
      "key_set_url", "deployment_ids", "token_audience", "unknown_deployment_policy");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private RegistrationFiles() {
  }

  /** Every registration file of {@code platformsDir}, sorted by name; none when the folder does not exist. */
  public static List<RegistrationSpec> readAll(Path platformsDir) {
    if (!Files.isDirectory(platformsDir)) {
      return List.of();
    }
    List<RegistrationSpec> specs = new ArrayList<>();
    try (Stream<Path> files = Files.list(platformsDir)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (isRegistrationFile(fileName) && Files.isRegularFile(file)) {
          specs.add(read(file));
        }
      }
    } catch (IOException e) {
      throw new ConfigException("LTI platforms", "cannot list " + platformsDir + ": " + e.getMessage());
    }
    return specs;
  }

  /** The naming rule: {@code name.yaml} / {@code name.yml} count; examples, hidden and {@code _}-files do not. */
  public static boolean isRegistrationFile(String fileName) {
    return (fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
        && !fileName.startsWith("_") && !fileName.startsWith(".");
  }

  static RegistrationSpec read(Path file) {
    String fileName = file.getFileName().toString();
    // moodle.yaml → moodle; also moodle.yaml.example → moodle (for "platform add --file")
    String name = fileName.replaceFirst("\\.(yaml|yml)(\\..*)?$", "");
    if (!NAME.matcher(name).matches()) {
      throw fail(file, "file name", "must be letters, digits, '.', '_' or '-' before .yaml");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw fail(file, "YAML", "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw fail(file, "YAML", "must be a mapping of field: value");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw fail(file, field, "is not a registration field (expected one of " + FIELDS + ")");
      }
    }
    List<String> deployments = new ArrayList<>();
    JsonNode dep = root.get("deployment_ids");
    if (dep == null || !dep.isArray() || dep.isEmpty()) {
      throw fail(file, "deployment_ids", "must be a list with at least one deployment id, e.g. [\"1\"]");
    }
    for (JsonNode d : dep) {
      if (!d.isValueNode() || d.asText().isBlank()) {
        throw fail(file, "deployment_ids", "every entry must be a non-empty value");
      }
      deployments.add(d.asText().trim());
    }
    PlatformRegistration.DeploymentPolicy policy;
    try {
      policy = PlatformRegistration.DeploymentPolicy.parse(text(root, "unknown_deployment_policy").orElse("reject"));
    } catch (IllegalArgumentException e) {
      throw fail(file, "unknown_deployment_policy", e.getMessage());
    }
    return new RegistrationSpec(name,
        required(file, root, "issuer"),
        required(file, root, "client_id"),
        url(file, root, "auth_login_url"),
        url(file, root, "auth_token_url"),
        url(file, root, "key_set_url"),
        List.copyOf(deployments),
        text(root, "token_audience"),
        policy,
        "file");
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    return n == null || n.isNull() || n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText().trim());
  }

  private static String required(Path file, JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n != null && !n.isNull() && !n.isValueNode()) {
      throw fail(file, field, "must be a single value");
    }
    return text(root, field).orElseThrow(() -> fail(file, field, "is required"));
  }

  private static String url(Path file, JsonNode root, String field) {
    String v = required(file, root, field);
    if (!validUrl(v)) {
      throw fail(file, field, "must be an http:// or https:// URL, got '" + v + "'");
    }
    return v;
  }

  /** Whether {@code v} is an absolute http(s) URL with a host. */
  public static boolean validUrl(String v) {
    try {
      URI u = new URI(v);
      return u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()));
    } catch (Exception e) {
      return false;
    }
  }

  private static ConfigException fail(Path file, String field, String problem) {
    return new ConfigException("LTI platform file " + file + ", field " + field, problem);
  }
}
