package uk.isafe.practice.lti.v1p1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import uk.isafe.practice.core.ConfigException;
import uk.isafe.practice.lti.registration.RegistrationFiles;

/**
 * {@code LTI_CONFIG_DIR/consumers/<name>.yaml}: an LTI 1.1 consumer with {@code consumer_key} and either
 * {@code shared_secret} or {@code shared_secret_env} (the name of an environment variable holding it, so the secret
 * need not sit in a file). A bad file stops start-up with one line naming the file and field, never the secret.
 * Blocking: read off the event loop.
 */
final class ConsumerFiles {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> FIELDS = Set.of("consumer_key", "shared_secret", "shared_secret_env");

  /** A consumer as a file or the command line gives it. */
  record Spec(String name, String key, String secret) {
    @Override
    public String toString() {
      return "Spec[" + name + ", key=" + key + "]";
    }
  }

  private ConsumerFiles() {
  }

  static List<Spec> readAll(Path dir, Map<String, String> env) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Spec> specs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        if (RegistrationFiles.isRegistrationFile(file.getFileName().toString()) && Files.isRegularFile(file)) {
          specs.add(read(file, env));
        }
      }
    } catch (IOException e) {
      throw new ConfigException("LTI 1.1 consumers", "cannot list " + dir + ": " + e.getMessage());
    }
    return specs;
  }

  static Spec read(Path file, Map<String, String> env) {
    String name = file.getFileName().toString().replaceFirst("\\.(yaml|yml)(\\..*)?$", "");
    if (!NAME.matcher(name).matches()) {
      throw fail(file, "file name", "must be letters, digits, '.', '_' or '-' before .yaml");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw fail(file, "YAML", "is not valid YAML");
    }
    if (root == null || !root.isObject()) {
      throw fail(file, "YAML", "must be a mapping of field: value");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw fail(file, field, "is not a consumer field (consumer_key, shared_secret, shared_secret_env)");
      }
    }
    String key = text(root, "consumer_key");
    if (key == null) {
      throw fail(file, "consumer_key", "is required");
    }
    String secret = text(root, "shared_secret");
    String envName = text(root, "shared_secret_env");
    if ((secret == null) == (envName == null)) {
      throw fail(file, "shared_secret", "give exactly one of shared_secret or shared_secret_env");
    }
    if (envName != null) {
      secret = env.get(envName);
      if (secret == null || secret.isBlank()) {
        throw fail(file, "shared_secret_env", "names " + envName + ", which is not set in the environment");
      }
    }
    return new Spec(name, key, secret);
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    return n == null || !n.isValueNode() || n.asText().isBlank() ? null : n.asText().strip();
  }

  private static ConfigException fail(Path file, String field, String problem) {
    return new ConfigException("LTI 1.1 consumer " + file.getFileName(), field + " " + problem);
  }
}
