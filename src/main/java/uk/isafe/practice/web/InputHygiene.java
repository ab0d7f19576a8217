package uk.isafe.practice.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one place bad input is turned away, before any feature sees the request: a path or query string whose
 * percent-encoding is broken or does not decode to UTF-8, a form or JSON body that is not UTF-8, and any text that
 * holds a NUL or a lone surrogate (PostgreSQL cannot store either, in {@code text} or in {@code jsonb}). The request
 * gets a 400 with the usual page or problem+json, and one WARN line names the reason; it never reaches SQL.
 * Claims inside a signed token are checked by the launch with {@link #problemIn(String)}.
 */
public final class InputHygiene implements Handler<RoutingContext> {

  /** A request refused here: code {@code bad-input}, logged once at WARN with {@link #reason()}. */
  public static final class BadInput extends HttpProblem {
    private final String reason;

    public BadInput(String reason) {
      super(400, "bad-input", "error.badInput.title", "error.badInput.detail");
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  private final FailureHandler failures;
  private final boolean body;

  private InputHygiene(FailureHandler failures, boolean body) {
    this.failures = failures;
    this.body = body;
  }

  /** Checks the path and query string: mount before any route with a path (they would decode it first). */
  public static InputHygiene requestLine(FailureHandler failures) {
    return new InputHygiene(failures, false);
  }

  /** Checks form and JSON bodies: mount after the body handler. */
  public static InputHygiene body(FailureHandler failures) {
    return new InputHygiene(failures, true);
  }

  /**
   * Answers here rather than through {@code ctx.fail}: a failure would walk the route table again, and routes with
   * path parameters would try to decode the very path that is broken.
   */
  @Override
  public void handle(RoutingContext ctx) {
    Optional<String> problem = body ? bodyProblem(ctx) : requestLineProblem(ctx);
    if (problem.isPresent()) {
      failures.refuse(ctx, new BadInput(problem.get()));
    } else {
      ctx.next();
    }
  }

  private static Optional<String> requestLineProblem(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null) {
      Optional<String> p = percentEncoded(path, false).map(r -> "path " + r);
      if (p.isPresent()) {
        return p;
      }
    }
    String query = ctx.request().query();
    if (query != null) {
      Optional<String> p = percentEncoded(query, true).map(r -> "query " + r);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> bodyProblem(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return Optional.empty();
    }
    String type = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("").toLowerCase();
    if (type.startsWith("application/x-www-form-urlencoded")) {
      // A form body is ASCII with %XX escapes; raw bytes outside ASCII must at least be UTF-8.
      String raw = body.toString(StandardCharsets.ISO_8859_1);
      return percentEncoded(raw, true).or(() -> isAscii(raw) ? Optional.empty() : utf8(body.getBytes()))
          .map(r -> "form " + r);
    }
    if (type.contains("json") || type.startsWith("text/")) {
      return utf8(body.getBytes()).map(r -> "body " + r).or(() -> problemIn(body.toString(StandardCharsets.UTF_8))
          .or(() -> type.contains("json") ? jsonEscapes(body.toString(StandardCharsets.UTF_8)) : Optional.empty())
          .map(r -> "body " + r));
    }
    return Optional.empty();
  }

  /** What is wrong with {@code text} for storing, or empty: a NUL or a lone surrogate. */
  public static Optional<String> problemIn(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return Optional.of("contains a NUL character");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return Optional.of("contains a lone surrogate");
      }
      if (Character.isLowSurrogate(c)) {
        return Optional.of("contains a lone surrogate");
      }
    }
    return Optional.empty();
  }

  /** Checks {@code %XX} escapes and that the decoded bytes are UTF-8 text without NUL or lone surrogates. */
  static Optional<String> percentEncoded(String raw, boolean form) {
    // Nearly all input is ASCII: decode it straight into bytes, without a per-character allocation.
    byte[] decoded = new byte[raw.length()];
    int n = 0;
    boolean ascii = true;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 0x80) {
        return percentEncodedText(raw, form);
      }
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
        if (lo < 0) {
          return Optional.of("has broken percent-encoding");
        }
        byte b = (byte) (hi * 16 + lo);
        ascii &= b >= 0;
        decoded[n++] = b;
        i += 2;
      } else {
        decoded[n++] = c == '+' && form ? (byte) ' ' : (byte) c;
      }
    }
    if (ascii) {
      for (int k = 0; k < n; k++) {
        if (decoded[k] == 0) {
          return Optional.of("contains a NUL character");
        }
      }
      return Optional.empty();
    }
    byte[] exact = java.util.Arrays.copyOf(decoded, n);
    return utf8(exact).or(() -> problemIn(new String(exact, StandardCharsets.UTF_8)));
  }

  /** As {@link #percentEncoded} for input holding characters outside ASCII. */
  static Optional<String> percentEncodedText(String raw, boolean form) {
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
            || Character.digit(raw.charAt(i + 2), 16) < 0) {
          return Optional.of("has broken percent-encoding");
        }
        bytes.put((byte) (Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16)));
        i += 2;
      } else if (c == '+' && form) {
        bytes.put((byte) ' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isSurrogate(c) && i + 1 < raw.length()) {
          b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.put(b);
      }
    }
    byte[] decoded = new byte[bytes.position()];
    bytes.flip().get(decoded);
    return utf8(decoded).or(() -> problemIn(new String(decoded, StandardCharsets.UTF_8)));
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.of("is not UTF-8");
    }
  }

  /** {@code \u0000} and unpaired surrogate escapes, which Jackson accepts but {@code jsonb} refuses. */
  private static Optional<String> jsonEscapes(String json) {
    int at = 0;
    while ((at = json.indexOf("\\u", at)) >= 0) {
      int backslashes = 0;
      for (int k = at - 1; k >= 0 && json.charAt(k) == '\\'; k--) {
        backslashes++;
      }
      if (backslashes % 2 == 1 || at + 6 > json.length()) {
        at += 2;
        continue;
      }
      int code;
      try {
        code = Integer.parseInt(json.substring(at + 2, at + 6), 16);
      } catch (NumberFormatException e) {
        return Optional.of("has a broken \\u escape");
      }
      if (code == 0) {
        return Optional.of("contains an escaped NUL");
      }
      if (code >= 0xD800 && code <= 0xDBFF) {
        boolean paired = json.startsWith("\\u", at + 6) && at + 12 <= json.length() && isLow(json.substring(at + 8,
            at + 12));
        if (!paired) {
          return Optional.of("contains an escaped lone surrogate");
        }
        at += 12;
        continue;
      }
      if (code >= 0xDC00 && code <= 0xDFFF) {
        return Optional.of("contains an escaped lone surrogate");
      }
      at += 6;
    }
    return Optional.empty();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLow(String hex) {
    try {
      int c = Integer.parseInt(hex, 16);
      return c >= 0xDC00 && c <= 0xDFFF;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
