package uk.isafe.practice.web;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: browsers get a friendly HTML page that works in the LMS iframe, API callers get
 * {@code application/problem+json}. Never a stack trace in a response; logged once with the cause (4xx as a one-line
 * reason, 5xx with the exception). Problem details never include request data such as tokens.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  public static final String PROBLEM_TYPE_BASE = "https://isafe-practice.invalid/problems/";

  private final Pages pages;

  public FailureHandler(Pages pages) {
    this.pages = pages;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpProblem problem = problemOf(ctx);
    if (ctx.failure() instanceof InputHygiene.BadInput bad) {
      log(ctx, bad);
    } else if (problem.status() >= 500) {
      LOG.error("request failed method={} path={} code={}", ctx.request().method(), ctx.request().path(),
          problem.code(), ctx.failure());
    } else if (problem.code().equals("malformed-request")) {
      LOG.warn("request refused method={} path={} status=400 code=malformed-request reason={}",
          ctx.request().method(), ctx.request().path(), ctx.failure().getMessage());
    } else if (problem.status() != 404) {
      LOG.info("request refused method={} path={} status={} code={}", ctx.request().method(), ctx.request().path(),
          problem.status(), problem.code());
    }
    respond(ctx, problem);
  }

  /** Refuses bad input before routing (so no route parses it): logged once at WARN, answered as any problem. */
  void refuse(RoutingContext ctx, InputHygiene.BadInput bad) {
    log(ctx, bad);
    respond(ctx, bad);
  }

  private static void log(RoutingContext ctx, InputHygiene.BadInput bad) {
    LOG.warn("request refused method={} path={} status=400 code=bad-input reason={}", ctx.request().method(),
        ctx.request().path(), bad.reason());
  }

  private void respond(RoutingContext ctx, HttpProblem problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Messages.Catalog catalog = pages.catalog(ctx);
    String title = catalog.get(problem.titleKey());
    String detail = catalog.get(problem.detailKey(), problem.args());
    if (wantsHtml(ctx)) {
      Map<String, Object> model = new HashMap<>();
      model.put("title", title);
      model.put("detail", detail);
      model.put("status", problem.status());
      model.put("code", problem.code());
      String hintKey = "error." + problem.code() + ".admin";
      if (catalog.has(hintKey)) {
        model.put("adminHint", catalog.get(hintKey, problem.args()));
      }
      pages.render(ctx, problem.status(), "error", model);
    } else {
      JsonObject body = new JsonObject()
          .put("type", PROBLEM_TYPE_BASE + problem.code())
          .put("title", title)
          .put("status", problem.status())
          .put("detail", detail)
          .put("code", problem.code());
      ctx.response().setStatusCode(problem.status())
          .putHeader("Content-Type", "application/problem+json")
          .putHeader("Cache-Control", "no-store")
          .end(body.encode());
    }
  }

  static HttpProblem problemOf(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HttpProblem p) {
      return p;
    }
    if (fromHttpDecoding(failure)) {
      return new HttpProblem(400, "malformed-request", "error.badInput.title", "error.badInput.detail");
    }
    int status = ctx.statusCode();
    if (failure instanceof HttpException he) {
      status = he.getStatusCode();
    }
    if (status == 404) {
      return HttpProblem.notFound();
    }
    if (status == 405) {
      return new HttpProblem(405, "method-not-allowed", "error.methodNotAllowed.title", "error.methodNotAllowed.detail");
    }
    if (status == 413) {
      return new HttpProblem(413, "too-large", "error.tooLarge.title", "error.tooLarge.detail");
    }
    if (status >= 400 && status < 500) {
      return new HttpProblem(status, "bad-request", "error.badRequest.title", "error.badRequest.detail");
    }
    return new HttpProblem(500, "internal", "error.internal.title", "error.internal.detail");
  }

  /** A request the HTTP decoder could not read (a broken chunk size, a header or line too long…): the caller's fault. */
  static boolean fromHttpDecoding(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DecoderException || t instanceof TooLongFrameException) {
        return true;
      }
      StackTraceElement[] at = t.getStackTrace();
      for (int i = 0; i < Math.min(4, at.length); i++) {
        if (at[i].getClassName().startsWith("io.netty.handler.codec.http.")) {
          return true;
        }
      }
    }
    return false;
  }

  /** HTML when the caller accepts it; problem+json for API callers, and by default under {@code /api/}. */
  static boolean wantsHtml(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      return true;
    }
    if (accept != null && accept.contains("json")) {
      return false;
    }
    return !ctx.request().path().startsWith("/api/");
  }
}
