package uk.isafe.practice.lti.session;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.web.HttpProblem;
import uk.isafe.practice.web.Pages;

/**
 * Finds the request's session and puts its {@link LaunchContext} on the routing context, or fails with 401.
 *
 * <p>The token is looked for in the form field or query parameter {@value #PARAM} (iframes that drop third-party
 * cookies keep working because every link and form carries it), then in the cookie {@value #COOKIE}. Every state
 * changing request must carry the session's CSRF token in the form field {@value #CSRF_FIELD} or the header
 * {@value #CSRF_HEADER}. Mount a body handler before this handler on routes that accept forms.
 */
public final class SessionHandler implements Handler<RoutingContext> {
  public static final String PARAM = "s";
  public static final String COOKIE = "isafe_sid";
  public static final String CSRF_FIELD = "csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String KEY = LaunchContext.class.getName();

  private final LaunchSessions sessions;

  public SessionHandler(LaunchSessions sessions) {
    this.sessions = sessions;
  }

  /** The current request's launch; only valid behind this handler. */
  public static LaunchContext current(RoutingContext ctx) {
    LaunchContext launch = ctx.get(KEY);
    if (launch == null) {
      throw new IllegalStateException("no session on this route: mount SessionHandler first");
    }
    return launch;
  }

  /** Fails unless the current user is a trainer or administrator of this course. */
  public static LaunchContext requireTrainer(RoutingContext ctx) {
    LaunchContext launch = current(ctx);
    if (!launch.isTrainer()) {
      throw new HttpProblem(403, "trainers-only", "error.trainersOnly.title", "error.trainersOnly.detail");
    }
    return launch;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = tokenOf(ctx);
    if (token == null) {
      ctx.fail(new HttpProblem(401, "no-session", "error.noSession.title", "error.noSession.detail"));
      return;
    }
    sessions.find(token).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ar.result().isEmpty()) {
        ctx.fail(new HttpProblem(401, "session-expired", "error.sessionExpired.title", "error.sessionExpired.detail"));
        return;
      }
      LaunchContext launch = ar.result().get();
      if (changesState(ctx.request().method()) && !csrfMatches(ctx, launch.csrfToken())) {
        ctx.fail(new HttpProblem(403, "csrf", "error.csrf.title", "error.csrf.detail"));
        return;
      }
      ctx.put(KEY, launch);
      Pages.bindSession(ctx, token, launch.csrfToken(), launch.locale());
      ctx.next();
    });
  }

  private static String tokenOf(RoutingContext ctx) {
    String t = ctx.request().getFormAttribute(PARAM);
    if (t == null || t.isBlank()) {
      t = ctx.request().getParam(PARAM);
    }
    if (t == null || t.isBlank()) {
      Cookie c = ctx.request().getCookie(COOKIE);
      t = c == null ? null : c.getValue();
    }
    return t == null || t.isBlank() ? null : t;
  }

  private static boolean changesState(HttpMethod m) {
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.DELETE || m == HttpMethod.PATCH;
  }

  private static boolean csrfMatches(RoutingContext ctx, String expected) {
    String sent = ctx.request().getFormAttribute(CSRF_FIELD);
    if (sent == null) {
      sent = ctx.request().getHeader(CSRF_HEADER);
    }
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code Set-Cookie} value for a session: {@code SameSite=None; Secure; Partitioned} over HTTPS (so it survives
   * the LMS iframe where the browser allows it); over plain HTTP (local trials) {@code SameSite=Lax}.
   */
  public static String cookieHeader(String token, boolean https) {
    return COOKIE + "=" + token + "; Path=/; HttpOnly; "
        + (https ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax");
  }
}
