package uk.isafe.practice.gradebook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Number and link formatting for pages and exports; a missing value shows as an en dash. */
final class Fmt {
  static final String NONE = "–";

  private Fmt() {
  }

  static String two(Double v) {
    return v == null ? NONE : String.format(Locale.UK, "%.2f", v);
  }

  static String signed(Double v) {
    if (v == null) {
      return NONE;
    }
    String s = String.format(Locale.UK, "%+.2f", v);
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }

  static String score(Double v) {
    return v == null ? NONE : String.valueOf(Math.round(v));
  }

  static String percent(Double fraction) {
    return fraction == null ? NONE : Math.round(fraction * 100) + "%";
  }

  static long[] minutesSeconds(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return new long[] {s / 60, s % 60};
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Rounds for CSV: two decimals, kept numeric. */
  static Double round2(Double v) {
    return v == null ? null : Math.round(v * 100) / 100.0;
  }
}
