package uk.isafe.practice.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.store.DbSettings;

/**
 * Typed configuration, read once at start-up from an optional YAML file and the environment (the environment wins).
 * Nothing else in the code base reads {@code System.getenv}.
 *
 * <p>YAML keys are the environment names in lower case, e.g. {@code public_url: https://isafe.example.org}.
 */
public record AppConfig(
    URI publicUrl,
    int port,
    Optional<DbSettings> database,
    Path dataDir,
    int dbPoolSize,
    int httpInstances,
    boolean trustForwardedHeaders,
    Path scenariosDir,
    Path ltiConfigDir,
    Duration ltiClockSkew,
    Duration ltiMaxTokenAge,
    Duration sessionLifetime,
    Duration shutdownGrace,
    PrivacySettings privacy,
    Secret auditCaseRefSecret,
    java.util.List<String> registrationOrigins) {

  /** A secret setting: its value is never printed (not even by the record's {@code toString}). */
  public record Secret(String value) {
    public boolean present() {
      return value != null && !value.isEmpty();
    }

    @Override
    public String toString() {
      return present() ? "[set]" : "[not set]";
    }
  }

  /** The settings this server understands, with their defaults; used for the README table and for start-up checks. */
  public static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("PUBLIC_URL", "http://localhost:8080"),
      Map.entry("PORT", "8080"),
      Map.entry("DATABASE_URL", ""),
      Map.entry("DATA_DIR", "./data"),
      Map.entry("DB_POOL_SIZE", "10"),
      Map.entry("HTTP_INSTANCES", "2"),
      Map.entry("TRUST_FORWARDED_HEADERS", "true"),
      Map.entry("SCENARIOS_DIR", "./scenarios"),
      Map.entry("LTI_CONFIG_DIR", "./lti-config"),
      Map.entry("LTI_CLOCK_SKEW_SECONDS", "60"),
      Map.entry("LTI_MAX_TOKEN_AGE_SECONDS", "300"),
      Map.entry("SESSION_LIFETIME_MINUTES", "480"),
      Map.entry("SHUTDOWN_GRACE_SECONDS", "10"),
      Map.entry("STORE_NAMES", "true"),
      Map.entry("RETAIN_SESSIONS_DAYS", "1"),
      Map.entry("RETAIN_LAUNCH_RECORDS_DAYS", "730"),
      Map.entry("RETAIN_LEARNING_RECORDS_DAYS", "1095"),
      Map.entry("RETAIN_GRADE_OUTBOX_DAYS", "90"),
      Map.entry("RETAIN_AUDIT_DAYS", "2190"),
      Map.entry("RETAIN_ACCESS_LOG_DAYS", "730"),
      Map.entry("AUDIT_CASE_REF_SECRET", ""),
      Map.entry("DYNAMIC_REGISTRATION_ORIGINS", ""));

  /** Reads the configuration: {@code configFile} (if any) first, then {@code env} on top. */
  public static AppConfig load(Map<String, String> env, Optional<Path> configFile) {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    configFile.ifPresent(file -> values.putAll(readYaml(file)));
    env.forEach((k, v) -> {
      if (DEFAULTS.containsKey(k) && v != null) {
        values.put(k, v);
      }
    });
    Reader r = new Reader(values);
    URI publicUrl = r.publicUrl("PUBLIC_URL");
    return new AppConfig(
        publicUrl,
        r.intIn("PORT", 0, 65535),
        r.database("DATABASE_URL"),
        r.path("DATA_DIR"),
        r.intIn("DB_POOL_SIZE", 1, 200),
        r.intIn("HTTP_INSTANCES", 1, 64),
        r.bool("TRUST_FORWARDED_HEADERS"),
        r.path("SCENARIOS_DIR"),
        r.path("LTI_CONFIG_DIR"),
        Duration.ofSeconds(r.intIn("LTI_CLOCK_SKEW_SECONDS", 0, 600)),
        Duration.ofSeconds(r.intIn("LTI_MAX_TOKEN_AGE_SECONDS", 10, 3600)),
        Duration.ofMinutes(r.intIn("SESSION_LIFETIME_MINUTES", 5, 7 * 24 * 60)),
        Duration.ofSeconds(r.intIn("SHUTDOWN_GRACE_SECONDS", 0, 300)),
        new PrivacySettings(r.bool("STORE_NAMES"), r.days("RETAIN_SESSIONS_DAYS"),
            r.days("RETAIN_LAUNCH_RECORDS_DAYS"), r.days("RETAIN_LEARNING_RECORDS_DAYS"),
            r.days("RETAIN_GRADE_OUTBOX_DAYS"), r.days("RETAIN_AUDIT_DAYS"), r.days("RETAIN_ACCESS_LOG_DAYS")),
        auditSecret(values.get("AUDIT_CASE_REF_SECRET")),
        origins(values.get("DYNAMIC_REGISTRATION_ORIGINS")));
  }

  /** {@code DYNAMIC_REGISTRATION_ORIGINS}: comma-separated http(s) origins, or empty for any platform. */
  private static java.util.List<String> origins(String v) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String part : (v == null ? "" : v).split(",")) {
      String o = part.strip().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
      if (o.isEmpty()) {
        continue;
      }
      if (!o.matches("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?")) {
        throw new ConfigException("DYNAMIC_REGISTRATION_ORIGINS",
            "must be origins like https://moodle.example.org, separated by commas (got " + part.strip() + ")");
      }
      out.add(o);
    }
    return java.util.List.copyOf(out);
  }

  /** The same configuration with another port and database; used by tests and by the CLI. */
  public AppConfig withPortAndDatabase(int newPort, Optional<DbSettings> db, URI newPublicUrl) {
    return new AppConfig(newPublicUrl, newPort, db, dataDir, dbPoolSize, httpInstances, trustForwardedHeaders,
        scenariosDir, ltiConfigDir, ltiClockSkew, ltiMaxTokenAge, sessionLifetime, shutdownGrace, privacy,
        auditCaseRefSecret, registrationOrigins);
  }

  /** The audit's case-reference secret: empty, or at least 32 characters. */
  private static Secret auditSecret(String v) {
    String s = v == null ? "" : v.strip();
    if (!s.isEmpty() && s.length() < 32) {
      throw new ConfigException("AUDIT_CASE_REF_SECRET", "must be at least 32 characters (a long random string)");
    }
    return new Secret(s);
  }

  /** {@code PUBLIC_URL} plus a path, with no double slash. */
  public String url(String path) {
    String base = publicUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + (path.startsWith("/") ? path : "/" + path);
  }

  /** Whether the public URL is HTTPS (then cookies are Secure and SameSite=None). */
  public boolean publicUrlIsHttps() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }

  private static Map<String, String> readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file", file + " does not exist or is not a file");
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      Map<String, String> out = new HashMap<>();
      if (root == null || root.isNull()) {
        return out;
      }
      if (!root.isObject()) {
        throw new ConfigException("config file", file + " must be a mapping of setting: value");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey().toUpperCase(Locale.ROOT);
        if (!DEFAULTS.containsKey(key)) {
          throw new ConfigException(e.getKey(), "is not a setting this server understands (in " + file + ")");
        }
        out.put(key, e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
      return out;
    } catch (IOException e) {
      throw new ConfigException("config file", file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Turns raw strings into typed values, failing with the setting's name. */
  private record Reader(Map<String, String> values) {
    String raw(String key) {
      return values.getOrDefault(key, "").trim();
    }

    Optional<String> optional(String key) {
      String v = raw(key);
      return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    Optional<DbSettings> database(String key) {
      try {
        return optional(key).map(DbSettings::parse);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, e.getMessage());
      }
    }

    int intIn(String key, int min, int max) {
      String v = raw(key);
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) {
          throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "must be a whole number, got '" + v + "'");
      }
    }

    /** A retention period in whole days: at least one, at most 20 years. */
    Duration days(String key) {
      return Duration.ofDays(intIn(key, 1, 20 * 366));
    }

    boolean bool(String key) {
      String v = raw(key).toLowerCase(Locale.ROOT);
      return switch (v) {
        case "true", "yes", "1", "on" -> true;
        case "false", "no", "0", "off" -> false;
        default -> throw new ConfigException(key, "must be true or false, got '" + v + "'");
      };
    }

    Path path(String key) {
      String v = raw(key);
      if (v.isEmpty()) {
        throw new ConfigException(key, "must not be empty");
      }
      return Path.of(v).toAbsolutePath().normalize();
    }

    URI publicUrl(String key) {
      String v = raw(key);
      try {
        URI uri = new URI(v);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
          throw new ConfigException(key, "must start with http:// or https://, got '" + v + "'");
        }
        if (uri.getHost() == null) {
          throw new ConfigException(key, "must name a host, got '" + v + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
          throw new ConfigException(key, "must not have a query or fragment, got '" + v + "'");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new ConfigException(key, "is not a valid URL: '" + v + "'");
      }
    }
  }
}
