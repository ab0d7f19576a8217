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
 * {@link MessageFormat}, and a test keeps it out of every bundle.
 */
public final class Messages {
  private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
  public static final String SOURCE_LOCALE = "en-GB";
  /** One bundle per package that shows pages; a missing file is simply empty. */
  public static final List<String> MODULES = List.of("core", "lti", "scenario", "assessment", "grades", "gradebook",
      "privacy", "audit");
  static final List<String> SUPPORTED = List.of("en-GB", "cy-GB");

  private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();

  public static Messages load() {
    Messages m = new Messages();
    Map<String, String> source = readAll(SOURCE_LOCALE);
    m.catalogs.put(SOURCE_LOCALE, new Catalog(SOURCE_LOCALE, source, Map.of()));
    for (String tag : SUPPORTED) {
      if (!tag.equals(SOURCE_LOCALE)) {
        Map<String, String> own = readAll(tag);
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

  /** Maps a platform locale to one of ours: the language decides (cy → cy-GB, en → en-GB). */
  public static String normalise(String requested) {
    if (requested == null || requested.isBlank()) {
      return SOURCE_LOCALE;
    }
    String lang = Locale.forLanguageTag(requested.replace('_', '-')).getLanguage();
    return switch (lang) {
      case "cy" -> "cy-GB";
      default -> SOURCE_LOCALE;
    };
  }

  private static Map<String, String> readAll(String tag) {
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
    private final Map<String, String> own;
    private final Map<String, String> fallback;
    private final Locale locale;
    private final ThreadLocal<Map<String, MessageFormat>> formats = ThreadLocal.withInitial(HashMap::new);

    Catalog(String tag, Map<String, String> own, Map<String, String> fallback) {
      this.tag = tag;
      this.own = Map.copyOf(own);
      this.fallback = Map.copyOf(fallback);
      this.locale = Locale.forLanguageTag(tag);
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String tag() {
      return tag;
    }

    public boolean has(String key) {
      return own.containsKey(key) || fallback.containsKey(key);
    }

    /** The message for {@code key} with {@link MessageFormat} arguments; a missing key shows as {@code ??key??}. */
    public String get(String key, Object... args) {
      String pattern = own.getOrDefault(key, fallback.get(key));
      if (pattern == null) {
        LOG.warn("missing message key={} locale={}", key, tag);
        return "??" + key + "??";
      }
      if (args.length == 0) {
        return pattern;
      }
      // Parsing a pattern (and its number formats) costs more than formatting: parsed formats are kept per thread
      // (MessageFormat is not thread-safe; the bundles are fixed, so this stays small).
      return formats.get().computeIfAbsent(pattern, p -> new MessageFormat(p, locale)).format(args);
    }

    public java.util.Set<String> keys() {
      java.util.Set<String> k = new java.util.TreeSet<>(fallback.keySet());
      k.addAll(own.keySet());
      return k;
    }
  }
}
