package uk.isafe.practice.lti.oidc;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The cookie {@value #NAME} that binds a login's state to the browser. Over HTTPS (PUBLIC_URL, or the proxy's
 * X-Forwarded-Proto) it is {@code SameSite=None; Secure; Partitioned}, so it survives the LMS iframe where the
 * browser allows partitioned cookies; over plain HTTP (local trials, one host) {@code SameSite=Lax}.
 */
public final class StateCookie {
  public static final String NAME = "isafe_lti_state";
  private static final int MAX_AGE_SECONDS = 600;

  private StateCookie() {
  }

  public static boolean https(RoutingContext ctx, boolean publicUrlHttps) {
    return publicUrlHttps || "https".equalsIgnoreCase(ctx.request().scheme());
  }

  public static String set(String state, boolean https) {
    return NAME + "=" + state + "; Path=/lti/; Max-Age=" + MAX_AGE_SECONDS + "; HttpOnly; "
        + (https ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax");
  }

  public static String clear(boolean https) {
    return NAME + "=; Path=/lti/; Max-Age=0; HttpOnly; " + (https ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax");
  }

  /** The state the browser holds, if its cookie came back. */
  public static String read(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(NAME);
    return c == null || c.getValue().isBlank() ? null : c.getValue();
  }
}
