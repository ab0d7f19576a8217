package uk.isafe.practice.web;

import java.util.List;

/**
 * A failure with a meaning for the person or program that made the request. Browsers get an HTML page whose title and
 * explanation come from the message bundle ({@code titleKey}, {@code detailKey}); API callers get
 * {@code application/problem+json} (RFC 9457) with {@code code} as the problem type.
 *
 * @param code  short, stable, machine-readable reason, also logged (e.g. {@code unknown-deployment})
 * @param args  values for the placeholders in the detail message
 */
public class HttpProblem extends RuntimeException {
  private final int status;
  private final String code;
  private final String titleKey;
  private final String detailKey;
  private final List<Object> args;

  public HttpProblem(int status, String code, String titleKey, String detailKey, Object... args) {
    super(code);
    this.status = status;
    this.code = code;
    this.titleKey = titleKey;
    this.detailKey = detailKey;
    this.args = List.of(args);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String titleKey() {
    return titleKey;
  }

  public String detailKey() {
    return detailKey;
  }

  public Object[] args() {
    return args.toArray();
  }

  public static HttpProblem notFound() {
    return new HttpProblem(404, "not-found", "error.notFound.title", "error.notFound.detail");
  }

  public static HttpProblem badRequest(String code, String detailKey, Object... args) {
    return new HttpProblem(400, code, "error.badRequest.title", detailKey, args);
  }
}
