package uk.isafe.practice.lti.oidc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.registration.PlatformRegistration;
import uk.isafe.practice.lti.registration.RegistrationRepository;
import uk.isafe.practice.lti.registration.Registrations;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Pages;

/**
 * OIDC login initiation (1EdTech Security Framework §5.1.1; LTI Core 1.3 §4.1): {@code GET|POST /lti/login}.
 * Checks the parameters, finds the registration, issues a signed state and its nonce ({@link LoginStates}: nothing is
 * written), binds the state to the browser, then sends the browser to the platform's authorisation endpoint.
 *
 * <p>With a cookie binding, the browser first comes back to {@code /lti/login/check}: if the cookie did not survive
 * (third-party cookies blocked), the learner gets a page that restarts the login in a new window, before the
 * platform's single-use message hint is spent. That hop is skipped when the browser has just shown that it sends this
 * tool's cookies in this context: over HTTPS (cookies {@code SameSite=None; Partitioned}, so the state cookie travels
 * exactly as the session cookie did), a login that arrives with the session cookie goes straight to the platform.
 * With {@code lti_storage_target}, a page puts a secret into platform storage ({@code lti.put_data}) before going on.
 */
public final class LoginRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
  private static final List<String> KEPT = List.of("iss", "login_hint", "target_link_uri", "lti_message_hint",
      "client_id", "lti_deployment_id", "lti_storage_target");

  private final Pool pool;
  private final Pages pages;
  private final Registrations registrations;
  private final LoginStates states;
  private final ToolUrls urls;
  private final boolean publicHttps;

  public LoginRoutes(Pool pool, Pages pages, Registrations registrations, LoginStates states, ToolUrls urls,
      boolean publicHttps) {
    this.pool = pool;
    this.pages = pages;
    this.registrations = registrations;
    this.states = states;
    this.urls = urls;
    this.publicHttps = publicHttps;
  }

  public void mount(Router router) {
    router.get("/lti/login").handler(this::initiate);
    router.post("/lti/login").handler(this::initiate);
    router.get("/lti/login/check").handler(this::check);
  }

  private void initiate(RoutingContext ctx) {
    MultiMap p = params(ctx);
    String iss = p.get("iss");
    String loginHint = p.get("login_hint");
    String target = p.get("target_link_uri");
    if (blank(iss)) {
      fail(ctx, LtiRejection.of("login-iss-missing"));
      return;
    }
    if (blank(loginHint)) {
      fail(ctx, LtiRejection.of("login-hint-missing"));
      return;
    }
    if (blank(target)) {
      fail(ctx, LtiRejection.of("login-target-missing"));
      return;
    }
    Optional<String> clientId = Optional.ofNullable(p.get("client_id")).filter(s -> !s.isBlank());
    Optional<String> deployment = Optional.ofNullable(p.get("lti_deployment_id")).filter(s -> !s.isBlank());
    findRegistration(iss, clientId, deployment)
        .compose(match -> {
          PlatformRegistration reg = match.registration();
          if (!urls.isOurs(target)) {
            return Future.failedFuture(LtiRejection.of("target-link-uri-foreign").from(reg.name()));
          }
          return deployment.isEmpty() ? Future.succeededFuture(reg)
              : checkDeployment(reg, deployment.get(), match.deployment());
        })
        .compose(reg -> issue(ctx, reg, p, deployment))
        .onFailure(err -> fail(ctx, err));
  }

  /** By (iss, client_id); by iss alone only when exactly one registration has it. One query, or none (in memory). */
  private Future<RegistrationRepository.Match> findRegistration(String iss, Optional<String> clientId,
      Optional<String> deployment) {
    return registrations.match(iss, clientId.orElse(null), deployment.orElse(null))
        .compose(list -> switch (list.size()) {
          case 0 -> Future.failedFuture(LtiRejection.of("registration-unknown"));
          case 1 -> Future.succeededFuture(list.get(0));
          default -> Future.failedFuture(LtiRejection.of("registration-ambiguous"));
        });
  }

  private Future<PlatformRegistration> checkDeployment(PlatformRegistration reg, String deployment,
      PlatformRegistration.DeploymentStatus status) {
    return switch (status) {
      case ACTIVE -> Future.succeededFuture(reg);
      case PENDING -> Future.failedFuture(LtiRejection.of("deployment-pending").from(reg.name()));
      case DISABLED -> Future.failedFuture(LtiRejection.of("deployment-disabled").from(reg.name()));
      case UNKNOWN -> reg.unknownDeploymentPolicy() == PlatformRegistration.DeploymentPolicy.PENDING
          ? registrations.repository().recordPending(pool, reg.id(), deployment)
              .compose(v -> Future.failedFuture(LtiRejection.of("deployment-pending").from(reg.name())))
          : Future.failedFuture(LtiRejection.of("deployment-unknown").from(reg.name()));
    };
  }

  private Future<Void> issue(RoutingContext ctx, PlatformRegistration reg, MultiMap p, Optional<String> deployment) {
    boolean storage = !blank(p.get("lti_storage_target"));
    JsonObject kept = new JsonObject();
    KEPT.forEach(k -> {
      if (p.get(k) != null) {
        kept.put(k, p.get(k));
      }
    });
    if (storage) {
      kept.put("storage_origin", originOf(reg.authLoginUrl()));
    }
    LoginStates.Issued login = states.issue(reg.id(), deployment, storage, kept);
    String authRedirect = authRedirect(reg, kept, login.state(), login.nonce());
    boolean https = StateCookie.https(ctx, publicHttps);
    boolean cookiesProven = !storage && https && ctx.request().getCookie(SessionHandler.COOKIE) != null;
    ctx.response().putHeader("Set-Cookie", StateCookie.set(login.nonce(), https));
    if (cookiesProven) {
      return ctx.response().setStatusCode(302).putHeader("Cache-Control", "no-store")
          .putHeader("Location", authRedirect).end();
    }
    if (storage) {
      return pages.render(ctx, "lti/storage-login", Map.of(
          "target", p.get("lti_storage_target"),
          "origin", originOf(reg.authLoginUrl()),
          "key", StateCookie.storageKey(login.nonce()),
          "value", login.storageSecret().get(),
          "next", authRedirect));
    }
    return ctx.response().setStatusCode(302).putHeader("Cache-Control", "no-store")
        .putHeader("Location", withQuery("/lti/login/check", Map.of("state", login.state()))).end();
  }

  /** The platform's authorisation endpoint with the OIDC authentication request for this login. */
  private String authRedirect(PlatformRegistration reg, JsonObject loginParams, String state, String nonce) {
    Map<String, String> q = new java.util.LinkedHashMap<>();
    q.put("scope", "openid");
    q.put("response_type", "id_token");
    q.put("response_mode", "form_post");
    q.put("prompt", "none");
    q.put("client_id", reg.clientId());
    q.put("redirect_uri", urls.redirectUri());
    q.put("login_hint", loginParams.getString("login_hint"));
    if (loginParams.getString("lti_message_hint") != null) {
      q.put("lti_message_hint", loginParams.getString("lti_message_hint"));
    }
    q.put("state", state);
    q.put("nonce", nonce);
    return withQuery(reg.authLoginUrl(), q);
  }

  /**
   * The cookie came back (go on to the platform), or it did not (offer a new window), or the state is not a live one
   * of ours. Nothing is read from the database: the state says where to go, and the registration is in memory.
   */
  private void check(RoutingContext ctx) {
    String state = ctx.request().getParam("state");
    if (blank(state)) {
      fail(ctx, LtiRejection.of("state-missing"));
      return;
    }
    LoginStates.Signed signed;
    try {
      signed = states.open(state);
    } catch (LtiRejection r) {
      fail(ctx, r);
      return;
    }
    if (StateCookie.holds(ctx, signed.nonce())) {
      LoginStates.resolve(registrations, signed).onFailure(ctx::fail).onSuccess(login -> {
        if (login.isEmpty()) {
          fail(ctx, LtiRejection.of("registration-unknown"));
          return;
        }
        ctx.response().setStatusCode(302).putHeader("Cache-Control", "no-store")
            .putHeader("Location", authRedirect(login.get().registration(), signed.loginParams(), state,
                signed.nonce())).end();
      });
    } else {
      LOG.info("login cookie blocked, offering a new window reason=state-cookie-blocked");
      Map<String, Object> model = Map.of("fields", signed.loginParams().getMap().entrySet().stream()
          .filter(e -> KEPT.contains(e.getKey()) && !e.getKey().equals("lti_storage_target")).toList());
      pages.render(ctx, 200, "lti/new-window", model);
    }
  }

  private void fail(RoutingContext ctx, Throwable err) {
    if (err instanceof LtiRejection r) {
      LOG.info("login rejected registration={} reason={}", r.registration(), r.code());
    }
    ctx.fail(err);
  }

  private static MultiMap params(RoutingContext ctx) {
    MultiMap all = MultiMap.caseInsensitiveMultiMap();
    all.addAll(ctx.request().params());
    all.addAll(ctx.request().formAttributes());
    return all;
  }

  /** {@code base} plus the encoded parameters, after any query the platform's URL already has. */
  static String withQuery(String base, Map<String, String> params) {
    StringBuilder b = new StringBuilder(base);
    char sep = base.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(sep).append(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8))
          .append('=').append(java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
      sep = '&';
    }
    return b.toString();
  }

  static String originOf(String url) {
    java.net.URI u = java.net.URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
