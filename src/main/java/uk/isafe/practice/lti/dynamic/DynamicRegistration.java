package uk.isafe.practice.lti.dynamic;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentPolicy;
import uk.isafe.practice.lti.registration.RegistrationSpec;
import uk.isafe.practice.lti.registration.Registrations;

/**
 * LTI Dynamic Registration 1.0, the tool's side: {@code GET /lti/register?openid_configuration=…&registration_token=…}.
 * Fetches the platform's OpenID configuration, checks that its {@code issuer} has the configuration URL's origin,
 * posts our {@link ToolConfiguration} with the registration token as bearer (single use), stores the answer's
 * {@code client_id} and {@code deployment_id} as a registration (by issuer and client id: registering again updates
 * it), and shows the administrator what happens next (Moodle holds the tool as pending until they activate it) with
 * a button that closes the platform's dialog ({@code org.imsglobal.lti.close}). Every failure is a page naming the
 * cause and one log line; the registration token is never logged.
 */
public final class DynamicRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(DynamicRegistration.class);
  private static final int TIMEOUT_MS = 8000;
  private static final int MAX_BYTES = 256 * 1024;

  private final Core core;
  private final Registrations registrations;
  private final WebClient web;

  public DynamicRegistration(Core core, Registrations registrations) {
    this.core = core;
    this.registrations = registrations;
    this.web = WebClient.create(core.vertx(), new WebClientOptions().setConnectTimeout(TIMEOUT_MS)
        .setFollowRedirects(false).setUserAgent("ISAFE-Practice-registration"));
  }

  public void mount(Router router) {
    router.get("/lti/register").handler(this::register);
  }

  private void register(RoutingContext ctx) {
    String configUrl = ctx.request().getParam("openid_configuration");
    String token = ctx.request().getParam("registration_token");
    if (configUrl == null || configUrl.isBlank() || !isHttp(configUrl)) {
      fail(ctx, "-", LtiRejection.of("registration-config-missing"));
      return;
    }
    String platform = origin(configUrl);
    java.util.List<String> allowed = core.config().registrationOrigins();
    if (!allowed.isEmpty() && !allowed.contains(platform.toLowerCase(Locale.ROOT))) {
      // Nothing is fetched from a platform this server was not told to accept (no request to an arbitrary address).
      fail(ctx, platform, LtiRejection.of("registration-origin-not-allowed", platform));
      return;
    }
    allowFraming(ctx, configUrl);
    fetchConfiguration(configUrl, token)
        .compose(conf -> check(conf, configUrl))
        .compose(conf -> post(conf, token).compose(answer -> store(conf, answer)))
        .onSuccess(result -> {
          LOG.info("dynamic registration stored platform={} registration={} client_id={} deployment={}",
              platform, result.spec().name(), result.spec().clientId(), result.spec().deploymentIds());
          core.pages().render(ctx, 200, "lti/registered", Map.of(
              "platform", result.spec().issuer(),
              "clientId", result.spec().clientId(),
              "deploymentId", result.spec().deploymentIds().get(0),
              "updated", result.updated(),
              "moodle", result.moodle(),
              "origin", platform));
        })
        .onFailure(err -> fail(ctx, platform, err));
  }

  /**
   * The platform opens this page in its own dialog (an iframe) before it is registered, so its frame-ancestors do not
   * list it yet: this response alone may be framed by the origin of the configuration URL.
   */
  private static void allowFraming(RoutingContext ctx, String configUrl) {
    URI u = URI.create(configUrl.trim());
    String origin = u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
        + (u.getPort() < 0 ? "" : ":" + u.getPort());
    String csp = ctx.response().headers().get("Content-Security-Policy");
    if (csp != null && origin.matches("https?://[a-z0-9.\\-\\[\\]:]+")) {
      ctx.response().headers().set("Content-Security-Policy",
          csp.replace("frame-ancestors 'self'", "frame-ancestors 'self' " + origin));
    }
  }

  private Future<JsonObject> fetchConfiguration(String url, String token) {
    var request = web.getAbs(url).timeout(TIMEOUT_MS).putHeader("Accept", "application/json");
    if (token != null && !token.isBlank()) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send()
        .recover(err -> Future.failedFuture(new LtiRejection(502, "registration-config-unreachable", null,
            url)))
        .compose(r -> r.statusCode() == 200 ? json(r, "registration-config-invalid", url)
            : Future.failedFuture(new LtiRejection(502, "registration-config-unreachable", null, url)));
  }

  /** The issuer must have the configuration URL's origin; the endpoints we need must be http(s) URLs. */
  private Future<JsonObject> check(JsonObject conf, String configUrl) {
    String issuer = conf.getValue("issuer") instanceof String s ? s : "";
    if (!isHttp(issuer) || !origin(issuer).equals(origin(configUrl))) {
      return Future.failedFuture(LtiRejection.of("registration-issuer-mismatch", issuer, origin(configUrl)));
    }
    for (String f : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint")) {
      if (!(conf.getValue(f) instanceof String u) || !isHttp(u)) {
        return Future.failedFuture(new LtiRejection(502, "registration-config-invalid", null, f));
      }
    }
    return Future.succeededFuture(conf);
  }

  private Future<JsonObject> post(JsonObject conf, String token) {
    JsonObject ours = ToolConfiguration.of(core.config()::url, core.pages().messages()
        .forLocale(null).get("lti.register.description"));
    var request = web.postAbs(conf.getString("registration_endpoint")).timeout(TIMEOUT_MS)
        .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
    if (token != null && !token.isBlank()) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendBuffer(Buffer.buffer(ours.encode()))
        .recover(err -> Future.failedFuture(new LtiRejection(502, "registration-post-failed", null, "-")))
        .compose(r -> r.statusCode() / 100 == 2 ? json(r, "registration-answer-invalid", "-")
            : Future.failedFuture(new LtiRejection(502, "registration-post-failed", null,
                r.statusCode() + " " + clip(r.bodyAsString()))));
  }

  private record Stored(RegistrationSpec spec, boolean updated, boolean moodle) {
  }

  private Future<Stored> store(JsonObject conf, JsonObject answer) {
    String clientId = answer.getValue("client_id") instanceof String c ? c.trim() : "";
    JsonObject tool = answer.getValue(Claims.TOOL_CONFIGURATION) instanceof JsonObject t ? t : new JsonObject();
    Object dep = tool.getValue("deployment_id");
    String deployment = dep == null ? "" : String.valueOf(dep).trim();
    if (clientId.isEmpty() || deployment.isEmpty()) {
      return Future.failedFuture(new LtiRejection(502, "registration-answer-invalid", null,
          clientId.isEmpty() ? "client_id" : "deployment_id"));
    }
    String issuer = conf.getString("issuer");
    JsonObject platformConf = conf.getValue(Claims.PLATFORM_CONFIGURATION) instanceof JsonObject p ? p
        : new JsonObject();
    boolean moodle = "moodle".equalsIgnoreCase(platformConf.getString("product_family_code", ""));
    RegistrationSpec spec = new RegistrationSpec(name(issuer, clientId), issuer, clientId,
        conf.getString("authorization_endpoint"), conf.getString("token_endpoint"), conf.getString("jwks_uri"),
        List.of(deployment), Optional.empty(), DeploymentPolicy.REJECT, "dynamic");
    return core.pool().withTransaction(tx -> registrations.repository().exists(tx, issuer, clientId)
            .compose(existed -> registrations.repository().upsert(tx, spec).map(id -> existed)))
        .compose(existed -> registrations.refreshOrigins().map(v -> new Stored(spec, existed, moodle)));
  }

  /** A stable, unique name: the platform's host and the client id. */
  static String name(String issuer, String clientId) {
    String host = URI.create(issuer).getHost().toLowerCase(Locale.ROOT);
    String n = (host + "-" + clientId).replaceAll("[^A-Za-z0-9_.-]", "-");
    return n.length() > 63 ? n.substring(0, 63) : n;
  }

  private static Future<JsonObject> json(HttpResponse<Buffer> r, String code, String arg) {
    Buffer body = r.body();
    if (body == null || body.length() > MAX_BYTES) {
      return Future.failedFuture(new LtiRejection(502, code, null, arg));
    }
    try {
      return Future.succeededFuture(new JsonObject(body));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new LtiRejection(502, code, null, arg));
    }
  }

  private void fail(RoutingContext ctx, String platform, Throwable err) {
    if (err instanceof LtiRejection r) {
      LOG.info("dynamic registration refused platform={} reason={}", platform, r.code());
    }
    ctx.fail(err);
  }

  static boolean isHttp(String url) {
    try {
      URI u = URI.create(url.trim());
      return u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String origin(String url) {
    try {
      URI u = URI.create(url.trim());
      int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
      return (u.getScheme() + "://" + u.getHost() + ":" + port).toLowerCase(Locale.ROOT);
    } catch (RuntimeException e) {
      return "-";
    }
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }
}
