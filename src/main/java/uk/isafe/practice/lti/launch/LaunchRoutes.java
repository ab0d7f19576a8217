package uk.isafe.practice.lti.launch;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.deeplinking.DeepLinks;
import uk.isafe.practice.lti.oidc.LoginState;
import uk.isafe.practice.lti.oidc.LoginStates;
import uk.isafe.practice.lti.oidc.StateCookie;
import uk.isafe.practice.lti.registration.Registrations;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Pages;

/**
 * {@code POST /lti/launch}: the platform's form post of the id_token (1EdTech Security Framework §5.1.1.3).
 * 1. a platform {@code error} is shown, not launched; 2. the state must be signed by this tool, unexpired, unspent
 * and bound to this browser (cookie or platform storage); 3–17 in {@link IdTokenValidator}; then
 * {@link LaunchRecorder} spends the state, stores the launch and the session in one statement, and the browser goes
 * to {@code /activity}. Nothing is read from the database before that statement (the state carries its login, the
 * registration is in memory). A rejected launch writes nothing but its spent nonce and its log line.
 */
public final class LaunchRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(LaunchRoutes.class);
  /** The form field that marks a launch re-posted from the tool's own origin. */
  static final String REPOST = "isafe_repost";

  private final Pool pool;
  private final Pages pages;
  private final LoginStates states;
  private final Registrations registrations;
  private final IdTokenValidator validator;
  private final LaunchRecorder recorder;
  private final boolean publicHttps;
  private final DeepLinks deepLinks;
  private final Duration keepNonces;

  public LaunchRoutes(Pool pool, Pages pages, LoginStates states, Registrations registrations,
      IdTokenValidator validator, LaunchRecorder recorder, boolean publicHttps, DeepLinks deepLinks,
      Duration keepNonces) {
    this.registrations = registrations;
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
    // 2. state: present, signed by this tool, not expired, bound to this browser; single use through its nonce
    String state = form.get("state");
    if (state == null || state.isBlank()) {
      rejected(ctx, "-", LtiRejection.of("state-missing"));
      return;
    }
    LoginStates.Signed signed;
    try {
      signed = states.open(state);
    } catch (LtiRejection r) {
      rejected(ctx, "-", r);
      return;
    }
    boolean cookieHolds = StateCookie.holds(ctx, signed.nonce());
    String storageValue = form.get("lti_storage_value");
    boolean storageBound = LoginState.STORAGE_BINDING.equals(signed.binding());
    if (!cookieHolds && storageBound && storageValue == null) {
      askPlatformStorage(ctx, signed, form);
      return;
    }
    LoginStates.resolve(registrations, signed).onFailure(ctx::fail).onSuccess(found -> {
      if (found.isEmpty()) {
        spentAndRejected(ctx, signed, "-", LtiRejection.of("registration-unknown"));
        return;
      }
      LoginState login = found.get();
      String registration = login.registration().name();
      if (!cookieHolds && !(storageBound && signed.storageSecretIs(storageValue))) {
        boolean noProof = StateCookie.read(ctx) == null && storageValue == null;
        boolean reposted = form.get(REPOST) != null;
        if (noProof && !reposted && !storageBound) {
          repost(ctx, registration, form);
          return;
        }
        if (noProof && reposted) {
          LOG.info("launch state cookie missing even on the same-site re-post registration={} https={} "
              + "(third-party cookies blocked in a frame, or cookies off)", registration,
              StateCookie.https(ctx, publicHttps));
        }
        spentAndRejected(ctx, signed, registration, LtiRejection.of(noProof
            ? (reposted ? "state-cookie-blocked" : "state-cookie-missing") : "state-mismatch"));
        return;
      }
      Duration keepNonce = states.keepNonce(signed, keepNonces);
      validator.validate(form.get("id_token"), login)
          .compose(valid -> Claims.DEEP_LINKING_REQUEST.equals(valid.claims().getString(Claims.MESSAGE_TYPE))
              ? deepLinks.begin(valid.registration().id(), valid.deploymentId(), valid.claims(), keepNonce)
                  .map(path -> {
                    boolean https = StateCookie.https(ctx, publicHttps);
                    ctx.response().setStatusCode(303).putHeader("Cache-Control", "no-store")
                        .putHeader("Location", path).putHeader("Set-Cookie", StateCookie.clear(https)).end();
                    return (LaunchSessions.Created) null;
                  })
              : recorder.recordLogin(valid, keepNonce))
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
          .onFailure(err -> spentAndRejected(ctx, signed, registration, err));
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

  /**
   * A state bound through platform storage, posted without the secret (the platform posts the form straight to the
   * tool): a page of this tool's own origin reads the secret from platform storage ({@code lti.get_data}) and posts
   * the launch again with it.
   */
  private void askPlatformStorage(RoutingContext ctx, LoginStates.Signed signed, MultiMap form) {
    pages.render(ctx, 200, "lti/storage-launch", Map.of(
        "target", signed.param("lti_storage_target").orElse("_parent"),
        "key", StateCookie.storageKey(signed.nonce()),
        "state", signed.state(),
        "idToken", form.get("id_token") == null ? "" : form.get("id_token"),
        "origin", signed.param("storage_origin").orElse("*")));
  }

  /**
   * A refused launch spends its state too (records its nonce), then answers. A state that was spent already is
   * refused as reused, whatever else is wrong with the launch, as a spent state always was; a failure to spend it is
   * not reported over the refusal.
   */
  private void spentAndRejected(RoutingContext ctx, LoginStates.Signed signed, String registration, Throwable err) {
    if (err instanceof LtiRejection r && r.code().equals("state-reused")) {
      rejected(ctx, registration, err);
      return;
    }
    states.spend(pool, signed.registrationId(), signed.nonce(), states.keepNonce(signed, keepNonces))
        .onComplete(spent -> rejected(ctx, registration, spent.succeeded() && !spent.result()
            && err instanceof LtiRejection ? LtiRejection.of("state-reused") : err));
  }

  private void rejected(RoutingContext ctx, String registration, Throwable err) {
    if (err instanceof LtiRejection r) {
      LOG.info("launch rejected registration={} reason={}", registration, r.code());
    }
    ctx.fail(err);
  }

  private static String clip(String s) {
    String t = s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
