package uk.isafe.practice.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Renders pages for a request: picks the locale of the session (or en-GB), adds the session and CSRF tokens for links
 * and forms, and writes {@code text/html}. Features call {@link #render}; nothing concatenates HTML by hand.
 */
public final class Pages {
  private static final String TOKEN = "isafe.sessionToken";
  private static final String CSRF = "isafe.csrf";
  private static final String LOCALE = "isafe.locale";

  private final Templates templates;
  private final Messages messages;

  public Pages(Templates templates, Messages messages) {
    this.templates = templates;
    this.messages = messages;
  }

  /** Called by the session handler: later pages of this request carry the session in links and forms. */
  public static void bindSession(RoutingContext ctx, String token, String csrf, String locale) {
    ctx.put(TOKEN, token);
    ctx.put(CSRF, csrf);
    if (locale != null) {
      ctx.put(LOCALE, locale);
    }
  }

  /** The messages for this request's locale. */
  public Messages.Catalog catalog(RoutingContext ctx) {
    return messages.forLocale(ctx.get(LOCALE));
  }

  public Messages messages() {
    return messages;
  }

  /** Renders to a string (for tests and for pages assembled from parts). */
  public String html(RoutingContext ctx, String template, Map<String, Object> model) {
    return templates.render(template, model, catalog(ctx), ctx.get(TOKEN), ctx.get(CSRF));
  }

  /** Renders {@code template} and ends the response with {@code status}. */
  public Future<Void> render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    String body = html(ctx, template, model);
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }

  public Future<Void> render(RoutingContext ctx, String template, Map<String, Object> model) {
    return render(ctx, 200, template, model);
  }

  /** Redirects (303, so a form post becomes a GET) to {@code path}, keeping the session token in the URL. */
  public Future<Void> redirect(RoutingContext ctx, String path) {
    String token = ctx.get(TOKEN);
    return ctx.response().setStatusCode(303).putHeader("Location", Templates.withSession(path, token)).end();
  }
}
