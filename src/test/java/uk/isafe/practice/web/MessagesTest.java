package uk.isafe.practice.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A catalogue's messages are exactly what {@link MessageFormat} makes of their patterns, on any thread. */
class MessagesTest {
  private static final Locale UK = Locale.forLanguageTag(Messages.SOURCE_LOCALE);
  /** Argument lists of the kinds pages pass: counts, large and negative numbers, fractions, text, none given. */
  private static final List<Object[]> ARGS = List.of(
      new Object[] {0, 1, 2, 3, 4, 5, 6},
      new Object[] {1, 1, 1, 1, 1, 1, 1},
      new Object[] {12345, -7L, 2.5, new BigDecimal("1234.50"), 1_000_000, 3.0f, (short) 9},
      new Object[] {"Dad’s <name>", "two", "{0}", "it's", "", "6", "7"},
      new Object[] {null, 2, "x", null, 4, 5, 6},
      new Object[] {7},
      new Object[] {new Date(0), Boolean.TRUE, List.of(1, 2), 'c', 4, 5, 6});

  @Test
  void every_bundle_message_formats_as_message_format_does() {
    Messages.Catalog catalog = Messages.load().forLocale(Messages.SOURCE_LOCALE);
    Map<String, String> patterns = Messages.patterns(Messages.SOURCE_LOCALE);
    assertTrue(patterns.size() > 1000, "the bundles are read: " + patterns.size());
    for (Map.Entry<String, String> e : patterns.entrySet()) {
      assertEquals(e.getValue(), catalog.get(e.getKey()), e.getKey() + " without arguments is its pattern");
      for (Object[] args : ARGS) {
        assertEquals(expected(e.getValue(), args), actual(catalog, e.getKey(), args), e.getKey());
      }
    }
  }

  @Test
  void no_bundle_message_has_an_ascii_apostrophe() {
    // MessageFormat reads ' as a quote once a message is given arguments: "the tool's {0}" would show "{0}" as it is.
    // Every bundle writes the typographic ’ instead (the assessment and gradebook tests only cover their own).
    for (String tag : List.of(Messages.SOURCE_LOCALE, "cy-GB")) {
      Messages.patterns(tag).forEach((key, pattern) ->
          assertTrue(pattern.indexOf('\'') < 0, tag + " " + key + ": " + pattern));
    }
  }

  @Test
  void quotes_and_braces_follow_message_format_rules_once_there_are_arguments() {
    Message quoted = new Message("It''s {0} o''clock, '{'literal'}'", UK);
    assertEquals("It's 5 o'clock, {literal}", quoted.format(5));
    assertEquals("It''s {0} o''clock, '{'literal'}'", quoted.format(), "no arguments: the pattern as written");
    Message plain = new Message("No arguments here – none", UK);
    assertSame(plain.format(1, 2), plain.format(), "a plain pattern is returned as it is");
    assertEquals("1,234,567 of 2.5 and null", new Message("{0} of {1} and {2}", UK).format(1234567, 2.5, null));
    assertEquals("{1} missing, 3 given", new Message("{1} missing, {0} given", UK).format(3));
  }

  @Test
  void threads_formatting_at_once_each_get_their_own_formats() throws Exception {
    Message m = new Message("{0} of {1}, {2,number,integer} in all, {3,choice,0#none|1#one|1<{3} turns}", UK);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 100_000;
        work.add(() -> {
          for (int i = base; i < base + 20_000; i++) {
            Object[] args = {i, i + 1, i * 3L, i % 4};
            if (!expected(m.format(), args).equals(m.format(args))) {
              return false;
            }
          }
          return true;
        });
      }
      for (Future<Boolean> f : pool.invokeAll(work)) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void platform_locales_map_to_ours() {
    assertEquals("en-GB", Messages.normalise(null));
    assertEquals("en-GB", Messages.normalise(" "));
    assertEquals("en-GB", Messages.normalise("en"));
    assertEquals("en-GB", Messages.normalise("en_US"));
    assertEquals("cy-GB", Messages.normalise("cy"));
    assertEquals("cy-GB", Messages.normalise("cy_GB"));
    assertEquals("cy-GB", Messages.normalise("cy_GB"), "asked again");
    assertEquals("en-GB", Messages.normalise("not a locale at all"));
    for (int i = 0; i < 1000; i++) {
      assertEquals(i % 2 == 0 ? "cy-GB" : "en-GB", Messages.normalise((i % 2 == 0 ? "cy-x-" : "fr-x-") + i));
    }
  }

  private static String expected(String pattern, Object[] args) {
    try {
      return new MessageFormat(pattern, UK).format(args);
    } catch (IllegalArgumentException e) {
      return "refused: " + e.getMessage();
    }
  }

  private static String actual(Messages.Catalog catalog, String key, Object[] args) {
    try {
      return catalog.get(key, args);
    } catch (IllegalArgumentException e) {
      return "refused: " + e.getMessage();
    }
  }
}
