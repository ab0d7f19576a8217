package uk.isafe.practice.lti.launch;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.deeplinking.DeepLinks;
import uk.isafe.practice.lti.oidc.LoginState;
import uk.isafe.practice.lti.oidc.LoginStateRepository;
import uk.isafe.practice.lti.oidc.StateCookie;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Pages;

/**
 * {@code POST /lti/launch}: the platform's form post of the id_token (1EdTech Security Framework §5.1.1.3).
 * 1. a platform {@code error} is shown, not launched; 2. the state must be live, single use and bound to this browser
 * (cookie or platform storage); 3–17 in {@link IdTokenValidator}; then {@link LaunchRecorder} stores the launch and
 * the session, and the browser goes to {@code /activity}. A rejected launch writes nothing but its log line.
 */
public final class LaunchRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(LaunchRoutes.class);
  /** The form field that marks a launch re-posted from the tool's own origin. */
  static final String REPOST = "isafe_repost";

  private final Pool pool;
  private final Pages pages;
  private final LoginStateRepository states;
  private final IdTokenValidator validator;
  private final LaunchRecorder recorder;
  private final boolean publicHttps;
  private final DeepLinks deepLinks;
  private final Duration keepNonces;

  public LaunchRoutes(Pool pool, Pages pages, LoginStateRepository states, IdTokenValidator validator,
      LaunchRecorder recorder, boolean publicHttps, DeepLinks deepLinks, Duration keepNonces) {
    this.deepLinks = deepLinks;
    this.keepNonces = keepNonces;
    this.pool = pool;
    this.pages = pages;
    this.states = states;
    this.validator = validator;
    this.recorder = recorder;
    this.publicHttps = publicHttps;
  }

  public void mount(Router router) {
    router.post("/lti/launch").handler(this::launch);
  }

  private void launch(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    // 1. the platform reports an error instead of a token
    String error = form.get("error");
    if (error != null && !error.isBlank()) {
      String description = form.get("error_description");
      rejected(ctx, "-", new LtiRejection(400, "platform-error", null, clip(error),
          clip(description == null ? "" : description)));
      return;
    }
    // 2. state: present, live, single use, bound to this browser
    String state = form.get("state");
    if (state == null || state.isBlank()) {
      rejected(ctx, "-", LtiRejection.of("state-missing"));
      return;
    }
    String cookie = StateCookie.read(ctx);
    String storageValue = form.get("lti_storage_value");
    boolean proof = storageValue != null || state.equals(cookie);
    states.live(pool, state, proof).onFailure(ctx::fail).onSuccess(found -> {
      if (found.isEmpty()) {
        explainMissingState(ctx, state, form);
        return;
      }
      LoginState login = found.get();
      String registration = login.registration().name();
      if (!state.equals(cookie)) {
        boolean storageOk = LoginState.STORAGE_BINDING.equals(login.binding()) && storageValue != null
            && login.storageSecret().map(s -> same(s, storageValue)).orElse(false);
        if (!storageOk) {
          boolean noProof = cookie == null && storageValue == null;
          boolean reposted = form.get(REPOST) != null;
          if (noProof && !reposted && LoginState.COOKIE_BINDING.equals(login.binding())) {
            repost(ctx, registration, form);
            return;
          }
          if (noProof && reposted) {
            LOG.info("launch state cookie missing even on the same-site re-post registration={} https={} "
                + "(third-party cookies blocked in a frame, or cookies off)", registration,
                StateCookie.https(ctx, publicHttps));
          }
          spentAndRejected(ctx, state, registration, LtiRejection.of(noProof
              ? (reposted ? "state-cookie-blocked" : "state-cookie-missing") : "state-mismatch"));
          return;
        }
      }
      validator.validate(form.get("id_token"), login)
          .compose(valid -> Claims.DEEP_LINKING_REQUEST.equals(valid.claims().getString(Claims.MESSAGE_TYPE))
              ? deepLinks.begin(valid.registration().id(), valid.deploymentId(), valid.claims(), state, keepNonces)
                  .map(path -> {
                    boolean https = StateCookie.https(ctx, publicHttps);
                    ctx.response().setStatusCode(303).putHeader("Cache-Control", "no-store")
                        .putHeader("Location", path).putHeader("Set-Cookie", StateCookie.clear(https)).end();
                    return (LaunchSessions.Created) null;
                  })
              : recorder.record(valid, state))
          .onSuccess(created -> {
            if (created == null) {
              return;
            }
            boolean https = StateCookie.https(ctx, publicHttps);
            LOG.info("launch accepted registration={} role={} anonymous={}", registration,
                created.context().role().dbValue(), created.context().anonymous());
            ctx.response().setStatusCode(303)
                .putHeader("Cache-Control", "no-store")
                .putHeader("Location", "/activity?" + SessionHandler.PARAM + "=" + created.token());
            ctx.response().headers().add("Set-Cookie", SessionHandler.cookieHeader(created.token(), https));
            ctx.response().headers().add("Set-Cookie", StateCookie.clear(https));
            ctx.response().end();
          })
          .onFailure(err -> spentAndRejected(ctx, state, registration, err));
    });
  }

  /**
   * The state cookie did not come with the platform's cross-site form post (over plain HTTP it is SameSite=Lax, and a
   * browser sends no Lax cookie on a cross-site POST, e.g. in the "new window" the LMS opens). The state is not spent:
   * a page from this tool's own origin posts the same form again, a same-site post that carries the cookie. The
   * re-post is marked, so a second miss is refused ({@code state-cookie-blocked}) instead of looping; the state stays
   * single use, so a replayed re-post is refused too.
   */
  private void repost(RoutingContext ctx, String registration, MultiMap form) {
    LOG.info("launch state cookie did not arrive with the platform's post, re-posting from the tool's origin "
        + "registration={}", registration);
    pages.render(ctx, 200, "lti/repost", Map.of(
        "idToken", form.get("id_token") == null ? "" : form.get("id_token"),
        "state", form.get("state"),
        "marker", REPOST));
  }

  /** No live state: unknown, reused, expired, or bound through platform storage and not yet proven. */
  private void explainMissingState(RoutingContext ctx, String state, MultiMap form) {
    states.why(pool, state).onFailure(ctx::fail).onSuccess(miss -> {
      switch (miss) {
        case USED -> rejected(ctx, "-", LtiRejection.of("state-reused"));
        case EXPIRED -> rejected(ctx, "-", LtiRejection.of("state-expired"));
        case UNKNOWN -> rejected(ctx, "-", LtiRejection.of("state-unknown"));
        case NEEDS_STORAGE -> states.pending(pool, state).onFailure(ctx::fail).onSuccess(p -> {
          var params = p.map(j -> j.getJsonObject("login_params")).orElse(new io.vertx.core.json.JsonObject());
          String target = params.getString("lti_storage_target", "_parent");
          pages.render(ctx, 200, "lti/storage-launch", Map.of(
              "target", target,
              "key", "isafe_state_" + state,
              "state", state,
              "idToken", form.get("id_token") == null ? "" : form.get("id_token"),
              "origin", params.getString("storage_origin", "*")));
        });
      }
    });
  }

  /** A refused launch spends its state too, then answers (the refusal, not a failure to spend, is reported). */
  private void spentAndRejected(RoutingContext ctx, String state, String registration, Throwable err) {
    states.spend(pool, state).onComplete(ignored -> rejected(ctx, registration, err));
  }

  private void rejected(RoutingContext ctx, String registration, Throwable err) {
    if (err instanceof LtiRejection r) {
      LOG.info("launch rejected registration={} reason={}", registration, r.code());
    }
    ctx.fail(err);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String clip(String s) {
    String t = s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
