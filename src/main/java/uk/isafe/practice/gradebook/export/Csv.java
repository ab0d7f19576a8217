package uk.isafe.practice.gradebook.export;

import java.math.BigDecimal;
import java.util.List;

/**
 * CSV that opens cleanly in Excel: UTF-8 with a byte-order mark (so Excel reads names like “Siân” correctly), CRLF
 * line ends and RFC 4180 quoting. Text cells that begin with {@code = + - @} (or a tab or carriage return) are
 * prefixed with an apostrophe so a spreadsheet never runs them as formulas (OWASP CSV injection); numbers are
 * written as numbers, so a negative change stays a number.
 */
public final class Csv {
  public static final String BOM = "\uFEFF";
  public static final String CRLF = "\r\n";
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

  private final StringBuilder out = new StringBuilder(BOM);

  public Csv row(List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append(CRLF);
    return this;
  }

  public Csv row(Object... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** One cell: empty for null, plain for numbers, neutralised and quoted as needed for text. */
  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number n) {
      return number(n);
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      s = '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static String number(Number n) {
    if (n instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (n instanceof BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    return n.toString();
  }
}
