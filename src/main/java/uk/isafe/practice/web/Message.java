package uk.isafe.practice.web;

import java.text.DateFormat;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Date;
import java.util.Locale;

/**
 * One message of a {@link Messages.Catalog}: its pattern, parsed at most once per thread.
 *
 * <ul>
 *   <li>Asked for without arguments, a message is its pattern as written (as it always has been).</li>
 *   <li>A pattern with no {@code {} and no {@code '} formats to itself whatever the arguments (MessageFormat copies
 *   such text as it is), so it is returned as it is.</li>
 *   <li>Any other is a {@link MessageFormat}, parsed the first time a thread needs it and kept by that thread
 *   (MessageFormat is not thread-safe; parsing costs more than formatting).</li>
 * </ul>
 */
final class Message {
  private final String pattern;
  /** Null when the pattern needs no formatting. */
  private final ThreadLocal<MessageFormat> format;

  Message(String pattern, Locale locale) {
    this.pattern = pattern;
    this.format = pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0 ? null
        : ThreadLocal.withInitial(() -> parse(pattern, locale));
  }

  String format(Object... args) {
    return args.length == 0 || format == null ? pattern : format.get().format(args);
  }

  /** The pattern, its arguments with no format of their own ({@code {0}}) given a {@link PlainArgument}. */
  private static MessageFormat parse(String pattern, Locale locale) {
    MessageFormat f = new MessageFormat(pattern, locale);
    Format[] formats = f.getFormats();
    PlainArgument plain = null;
    for (int i = 0; i < formats.length; i++) {
      if (formats[i] == null) {
        plain = plain == null ? new PlainArgument(locale) : plain;
        f.setFormat(i, plain);
      }
    }
    return f;
  }

  /**
   * What MessageFormat does with an argument that has no format of its own, except that the number format is made
   * once: MessageFormat makes a new {@link NumberFormat} for every number it shows, which costs more than the rest
   * of the formatting together. Belongs to one MessageFormat, so to one thread.
   */
  private static final class PlainArgument extends Format {
    private final Locale locale;
    private final NumberFormat numbers;

    PlainArgument(Locale locale) {
      this.locale = locale;
      this.numbers = NumberFormat.getInstance(locale);
    }

    @Override
    public StringBuffer format(Object arg, StringBuffer to, FieldPosition pos) {
      if (arg instanceof Number) {
        return numbers.format(arg, to, pos);
      }
      if (arg instanceof Date) {
        return DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.SHORT, locale).format(arg, to, pos);
      }
      return to.append(arg);
    }

    @Override
    public Object parseObject(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("messages are only formatted");
    }
  }
}
