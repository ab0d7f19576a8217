package uk.isafe.practice.lti.oidc;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The cookie {@value #NAME} that binds a login's state to the browser: it holds the state's nonce (short, whatever
 * the size of the signed state). Over HTTPS (PUBLIC_URL, or the proxy's
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

  public static String set(String nonce, boolean https) {
    return NAME + "=" + nonce + "; Path=/lti/; Max-Age=" + MAX_AGE_SECONDS + "; HttpOnly; "
        + (https ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax");
  }

  public static String clear(boolean https) {
    return NAME + "=; Path=/lti/; Max-Age=0; HttpOnly; " + (https ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax");
  }

  /** The nonce the browser holds, if its cookie came back. */
  public static String read(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(NAME);
    return c == null || c.getValue().isBlank() ? null : c.getValue();
  }

  /** Whether the browser's cookie holds {@code nonce} (compared in constant time). */
  public static boolean holds(RoutingContext ctx, String nonce) {
    String held = read(ctx);
    return held != null && java.security.MessageDigest.isEqual(
        held.getBytes(java.nio.charset.StandardCharsets.UTF_8), nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The platform-storage key ({@code lti.put_data}) under which a login keeps its secret. */
  public static String storageKey(String nonce) {
    return "isafe_state_" + nonce;
  }
}
