package uk.isafe.practice.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every user-facing string, from UTF-8 bundles {@code i18n/messages-<module>.<locale>.properties}. en-GB is the source
 * language; a locale with no file, or a key missing from it, falls back to en-GB (Welsh will be added as
 * {@code .cy-GB.properties} files). Scenario text is content and has its own locale tables.
 *
 * <p>Bundles write apostrophes as the typographic ’ (U+2019): an ASCII apostrophe is a quote character for
 * {@link MessageFormat} once a message has arguments, and {@code MessagesTest} keeps it out of every bundle. A message
 * asked for without arguments is shown exactly as written.
 */
public final class Messages {
  private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
  public static final String SOURCE_LOCALE = "en-GB";
  /** One bundle per package that shows pages; a missing file is simply empty. */
  public static final List<String> MODULES = List.of("core", "lti", "scenario", "assessment", "grades", "gradebook",
      "privacy", "audit");
  static final List<String> SUPPORTED = List.of("en-GB", "cy-GB");

  private static final int NORMALISED_MAX = 256;
  private static final Map<String, String> NORMALISED = new ConcurrentHashMap<>();

  private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();

  public static Messages load() {
    Messages m = new Messages();
    Map<String, String> source = patterns(SOURCE_LOCALE);
    m.catalogs.put(SOURCE_LOCALE, new Catalog(SOURCE_LOCALE, source, Map.of()));
    for (String tag : SUPPORTED) {
      if (!tag.equals(SOURCE_LOCALE)) {
        Map<String, String> own = patterns(tag);
        if (!own.isEmpty()) {
          m.catalogs.put(tag, new Catalog(tag, own, source));
        }
      }
    }
    return m;
  }

  /** The catalogue for a launch locale such as {@code en}, {@code en-GB}, {@code cy}, {@code cy_GB}; else en-GB. */
  public Catalog forLocale(String requested) {
    return catalogs.getOrDefault(normalise(requested), catalogs.get(SOURCE_LOCALE));
  }

  /**
   * Maps a platform locale to one of ours: the language decides (cy → cy-GB, en → en-GB). Platforms send a handful
   * of distinct values, so answers are remembered (up to {@value #NORMALISED_MAX} of them: the value comes from
   * outside).
   */
  public static String normalise(String requested) {
    if (requested == null || requested.isBlank()) {
      return SOURCE_LOCALE;
    }
    String known = NORMALISED.get(requested);
    if (known != null) {
      return known;
    }
    String ours = switch (Locale.forLanguageTag(requested.replace('_', '-')).getLanguage()) {
      case "cy" -> "cy-GB";
      default -> SOURCE_LOCALE;
    };
    if (NORMALISED.size() < NORMALISED_MAX) {
      NORMALISED.put(requested, ours);
    }
    return ours;
  }

  /** Every pattern of {@code tag}'s bundles by key, as written. */
  static Map<String, String> patterns(String tag) {
    Map<String, String> all = new HashMap<>();
    for (String module : MODULES) {
      String path = "i18n/messages-" + module + "." + tag + ".properties";
      try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          continue;
        }
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String key : p.stringPropertyNames()) {
          if (all.put(key, p.getProperty(key)) != null) {
            LOG.warn("message key defined twice key={} file={}", key, path);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return all;
  }

  /** The messages of one locale. */
  public static final class Catalog {
    private final String tag;
    /** Every key of the locale, its own messages over the fallback's. */
    private final Map<String, Message> messages;

    Catalog(String tag, Map<String, String> own, Map<String, String> fallback) {
      this.tag = tag;
      Locale locale = Locale.forLanguageTag(tag);
      Map<String, Message> all = new HashMap<>();
      fallback.forEach((key, pattern) -> all.put(key, new Message(pattern, locale)));
      own.forEach((key, pattern) -> all.put(key, new Message(pattern, locale)));
      this.messages = Map.copyOf(all);
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String tag() {
      return tag;
    }

    public boolean has(String key) {
      return messages.containsKey(key);
    }

    /** The message for {@code key} with {@link MessageFormat} arguments; a missing key shows as {@code ??key??}. */
    public String get(String key, Object... args) {
      Message message = messages.get(key);
      if (message == null) {
        LOG.warn("missing message key={} locale={}", key, tag);
        return "??" + key + "??";
      }
      return message.format(args);
    }

    public java.util.Set<String> keys() {
      return new java.util.TreeSet<>(messages.keySet());
    }
  }
}
