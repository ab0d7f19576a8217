package uk.isafe.practice.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.isafe.practice.lti.keys.Jwk;
import uk.isafe.practice.lti.registration.PlatformRegistration.DeploymentPolicy;
import uk.isafe.practice.lti.registration.RegistrationRepository;
import uk.isafe.practice.lti.registration.RegistrationSpec;

/**
 * A fake LMS for tests: its own RSA keys, a JWKS endpoint ({@code /jwks}) and an OIDC authorisation endpoint
 * ({@code /auth}) on a real Vert.x HTTP server, signing real RS256 id_tokens. It drives the real flow against a
 * {@link TestServer}: form-post login → (cookie check) → redirect to {@code /auth} → form-post launch.
 *
 * <pre>
 * try (FakePlatform lms = FakePlatform.start(); TestServer server = TestServer.start()) {
 *   lms.register(server);
 *   FakePlatform.Launch l = lms.launch(server, LaunchSpec.learner().custom("activity", "scenario:x"));
 *   l.sessionToken();            // the tool's session token ("s"), or null if the launch was refused
 *   l.reason();                  // the refusal's reason code, e.g. "nonce-mismatch"
 * }
 * </pre>
 */
public final class FakePlatform implements AutoCloseable {
  /** How the id_token is signed. */
  public enum Signing { RS256, RS384, NONE, HS256, OTHER_KEY, BROKEN_SIGNATURE }

  private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern REASON = Pattern.compile("Error (\\d{3}) \\(([a-z0-9-]+)\\)");

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final int port;
  private final String clientId;
  private final List<String> deployments = new ArrayList<>(List.of("1"));
  private final List<SigningKey> published = new ArrayList<>();
  private volatile SigningKey signingKey;
  private final SigningKey strangerKey = SigningKey.create();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, String> storage = new ConcurrentHashMap<>();
  private final AtomicLong jwksFetches = new AtomicLong();
  private volatile boolean jwksAvailable = true;
  private volatile String lastAuthQuery;
  private final FakeAdvantage advantage = new FakeAdvantage(this);

  private record Pending(LaunchSpec spec, String toolBase) {
  }

  /** Where the tool under test answers: a {@link TestServer}, or any base URL (e.g. a server in another process). */
  public record Tool(TestHttp http, String base) {
    public static Tool of(TestServer server) {
      return new Tool(server.http(), server.url(""));
    }

    public static Tool at(String baseUrl) {
      String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      return new Tool(new TestHttp(java.net.URI.create(b)), b);
    }

    public String url(String path) {
      return base + path;
    }
  }

  /** One RSA key with its kid. */
  public record SigningKey(String kid, KeyPair pair) {
    static SigningKey create() {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair p = g.generateKeyPair();
        return new SigningKey(Jwk.thumbprint((RSAPublicKey) p.getPublic()), p);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The outcome of a launch: the final response, the session token (if launched) and the refusal reason. */
  public record Launch(HttpResponse<String> response, String sessionToken, String reason, int status) {
    public boolean launched() {
      return sessionToken != null;
    }

    public String location() {
      return response.headers().firstValue("Location").orElse(null);
    }
  }

  private FakePlatform(String clientId) {
    this.clientId = clientId;
    this.signingKey = SigningKey.create();
    published.add(signingKey);
    Router router = Router.router(vertx);
    router.route().handler(io.vertx.ext.web.handler.BodyHandler.create());
    router.get("/jwks").handler(this::jwks);
    advantage.mount(router);
    router.get("/auth").handler(this::authorise);
    this.port = TestServer.freePort();
    try {
      this.server = vertx.createHttpServer().requestHandler(router).listen(port).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("fake platform did not start", e);
    }
  }

  public static FakePlatform start() {
    return new FakePlatform("client-" + COUNTER.incrementAndGet());
  }

  public String issuer() {
    return "http://localhost:" + port;
  }

  public String clientId() {
    return clientId;
  }

  public String deploymentId() {
    return deployments.get(0);
  }

  public String authUrl() {
    return issuer() + "/auth";
  }

  public String jwksUrl() {
    return issuer() + "/jwks";
  }

  public String tokenUrl() {
    return issuer() + "/token";
  }

  public String registrationName() {
    return "fake-" + clientId;
  }

  /** Stores this platform's registration (deployment "1", policy reject) in the server's database. */
  public FakePlatform register(TestServer tool) {
    return register(tool, DeploymentPolicy.REJECT);
  }

  public FakePlatform register(TestServer tool, DeploymentPolicy policy) {
    RegistrationSpec spec = new RegistrationSpec(registrationName(), issuer(), clientId, authUrl(), tokenUrl(),
        jwksUrl(), List.copyOf(deployments), Optional.empty(), policy, "cli");
    try {
      new RegistrationRepository().upsert(tool.core().pool(), spec).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("registration failed", e);
    }
    return this;
  }

  /** The registration as a file for {@code lti-config/platforms/<name>.yaml}. */
  public String registrationYaml() {
    return "issuer: \"" + issuer() + "\"\nclient_id: \"" + clientId + "\"\nauth_login_url: \"" + authUrl()
        + "\"\nauth_token_url: \"" + tokenUrl() + "\"\nkey_set_url: \"" + jwksUrl() + "\"\ndeployment_ids: [\""
        + deploymentId() + "\"]\n";
  }

  /** Deep-linking return, OpenID configuration and registration endpoint (Dynamic Registration). */
  public FakeAdvantage advantage() {
    return advantage;
  }

  /** Where deep-linking responses go (Moodle's content item return). */
  public String deepLinkReturnUrl() {
    return issuer() + FakeAdvantage.DL_RETURN + "?course=2&id=1";
  }

  /**
   * {@code spec} as a deep-linking request ("Select content"), with Moodle 4.5's settings: any of
   * {@code settings} replaces the default (accept_multiple true, auto_create false, no data).
   */
  public LaunchSpec deepLinking(LaunchSpec spec, JsonObject settings) {
    JsonObject s = new JsonObject()
        .put("accept_types", new JsonArray().add("ltiResourceLink"))
        .put("accept_presentation_document_targets", new JsonArray().add("frame").add("iframe").add("window"))
        .put("accept_copy_advice", false)
        .put("accept_multiple", true)
        .put("accept_unsigned", false)
        .put("auto_create", false)
        .put("can_confirm", false)
        .put("deep_link_return_url", deepLinkReturnUrl())
        .put("title", "")
        .put("text", "");
    s.mergeIn(settings);
    return spec.claim(uk.isafe.practice.lti.Claims.MESSAGE_TYPE, uk.isafe.practice.lti.Claims.DEEP_LINKING_REQUEST)
        .claim(uk.isafe.practice.lti.Claims.DL_SETTINGS, s)
        .without(uk.isafe.practice.lti.Claims.RESOURCE_LINK);
  }

  /** A new signing key; the old stays published unless {@code dropOld}. */
  public void rotateKey(boolean dropOld) {
    SigningKey fresh = SigningKey.create();
    if (dropOld) {
      published.clear();
    }
    published.add(fresh);
    signingKey = fresh;
  }

  public long jwksFetches() {
    return jwksFetches.get();
  }

  public void jwksAvailable(boolean available) {
    this.jwksAvailable = available;
  }

  /** The query string of the last authorisation request the tool sent here. */
  public String lastAuthQuery() {
    return lastAuthQuery;
  }

  /**
   * A launch ready to post: the form the platform's authorisation endpoint returned (id_token and state, or an
   * error), where to post it and the state cookie the browser holds. {@code refused} is set when the tool refused
   * the login before the platform was reached.
   */
  public record Prepared(Map<String, String> form, String action, String stateCookie, Launch refused) {
    /** The same launch with a changed form field (null removes it). */
    public Prepared with(String field, String value) {
      Map<String, String> f = new LinkedHashMap<>(form);
      if (value == null) {
        f.remove(field);
      } else {
        f.put(field, value);
      }
      return new Prepared(f, action, stateCookie, refused);
    }

    public Prepared withCookie(String cookie) {
      return new Prepared(form, action, cookie, refused);
    }
  }

  /** The complete flow: login, cookie check (or platform storage), authorisation, launch post. */
  public Launch launch(TestServer server, LaunchSpec spec) {
    return launch(Tool.of(server), spec);
  }

  public Launch launch(Tool tool, LaunchSpec spec) {
    Prepared p = prepare(tool, spec);
    return p.refused() != null ? p.refused() : post(tool, p);
  }

  /** As {@link #launch} and expects success: the session token. */
  public String launchToken(TestServer tool, LaunchSpec spec) {
    Launch l = launch(tool, spec);
    if (!l.launched()) {
      throw new AssertionError("launch refused: status=" + l.status() + " reason=" + l.reason());
    }
    return l.sessionToken();
  }

  /**
   * A login initiation URL (GET) for a real browser: the platform's side of {@code spec} is remembered, so the
   * browser can follow the whole flow (login, cookie check, this platform's authorisation page, the launch post).
   */
  public String browserLoginUrl(TestServer server, LaunchSpec spec) {
    Tool tool = Tool.of(server);
    advantage.tool(tool.url(""));
    String loginHint = "hint-" + COUNTER.incrementAndGet();
    pending.put(loginHint, new Pending(spec, tool.url("")));
    return tool.url("/lti/login?" + TestHttp.encode(loginForm(tool, spec, loginHint)));
  }

  /** Login (and cookie check or platform storage) and authorisation, without posting the launch. */
  public Prepared prepare(TestServer server, LaunchSpec spec) {
    return prepare(Tool.of(server), spec);
  }

  /**
   * How long the last launch prepared on this thread spent at this platform's authorisation endpoint (signing its
   * id_token): a benchmark takes it out of the flow's time, which is then the tool's alone.
   */
  public static long platformNanos() {
    return PLATFORM_NANOS.get();
  }

  private static final ThreadLocal<Long> PLATFORM_NANOS = ThreadLocal.withInitial(() -> 0L);

  public Prepared prepare(Tool tool, LaunchSpec spec) {
    PLATFORM_NANOS.set(0L);
    TestHttp http = tool.http();
    advantage.tool(tool.url(""));
    String loginHint = "hint-" + COUNTER.incrementAndGet();
    pending.put(loginHint, new Pending(spec, tool.url("")));
    HttpResponse<String> r = http.postForm(tool.url("/lti/login"), loginForm(tool, spec, loginHint),
        "Accept", "text/html");
    String cookie = HtmlForms.cookie(r, "isafe_lti_state");
    String authLocation;
    if (r.statusCode() == 302 && HtmlForms.location(r).startsWith("/lti/login/check")) {
      r = http.get(tool.url(HtmlForms.location(r)), HtmlForms.headers(spec.sendStateCookie ? cookie : null));
      if (r.statusCode() != 302) {
        return new Prepared(Map.of(), null, cookie, outcome(r));
      }
      authLocation = HtmlForms.location(r);
    } else if (r.statusCode() == 200 && r.body().contains("data-mode=\"put\"")) {
      storage.put(HtmlForms.attr(r.body(), "data-key"), HtmlForms.attr(r.body(), "data-value"));
      authLocation = HtmlForms.attr(r.body(), "data-next");
    } else {
      return new Prepared(Map.of(), null, cookie, outcome(r));
    }
    long atPlatform = System.nanoTime();
    HttpResponse<String> auth = http.get(authLocation);
    PLATFORM_NANOS.set(System.nanoTime() - atPlatform);
    return new Prepared(HtmlForms.hiddenInputs(auth.body()), HtmlForms.attr(auth.body(), "action"),
        spec.sendStateCookie ? cookie : null, null);
  }

  /** Posts a prepared launch as the browser would (answering a platform-storage page from this platform's storage). */
  public Launch post(TestServer server, Prepared p) {
    return post(Tool.of(server), p);
  }

  public Launch post(Tool tool, Prepared p) {
    TestHttp http = tool.http();
    HttpResponse<String> r = http.postForm(p.action() == null ? tool.url("/lti/launch") : p.action(), p.form(),
        HtmlForms.headers(p.stateCookie()));
    if (r.statusCode() == 200 && r.body().contains("data-mode=\"get\"")) {
      Map<String, String> again = HtmlForms.hiddenInputs(r.body());
      again.put("lti_storage_value", storage.getOrDefault(HtmlForms.attr(r.body(), "data-key"), ""));
      r = http.postForm(tool.url("/lti/launch"), again, HtmlForms.headers(null));
    }
    return outcome(r);
  }

  /** The form a platform posts to /lti/login for {@code spec}. */
  public Map<String, String> loginForm(TestServer server, LaunchSpec spec, String loginHint) {
    return loginForm(Tool.of(server), spec, loginHint);
  }

  public Map<String, String> loginForm(Tool tool, LaunchSpec spec, String loginHint) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("iss", issuer());
    f.put("target_link_uri", targetLink(tool.url(""), spec));
    f.put("login_hint", loginHint);
    f.put("lti_message_hint", spec.messageHint);
    if (spec.sendClientIdAtLogin) {
      f.put("client_id", clientId);
    }
    f.put("lti_deployment_id", spec.deploymentId == null ? deploymentId() : spec.deploymentId);
    if (spec.storageTarget != null) {
      f.put("lti_storage_target", spec.storageTarget);
    }
    f.putAll(spec.loginOverrides);
    spec.removedLoginParams.forEach(f::remove);
    return f;
  }

  /** The claims of an id_token for {@code spec} (overrides applied). */
  public JsonObject claims(String toolBase, LaunchSpec spec, String nonce) {
    return FakeIdTokens.claims(issuer(), clientId, deploymentId(), toolBase, spec, nonce);
  }

  /** Signs {@code claims} as {@code spec} says (header overrides included). */
  public String sign(JsonObject claims, LaunchSpec spec) {
    return FakeIdTokens.sign(claims, spec, spec.signing == Signing.OTHER_KEY ? strangerKey : signingKey, signingKey);
  }

  private void jwks(RoutingContext ctx) {
    jwksFetches.incrementAndGet();
    if (!jwksAvailable) {
      ctx.response().setStatusCode(503).end("down");
      return;
    }
    JsonArray keys = new JsonArray();
    for (SigningKey k : published) {
      keys.add(Jwk.publicJwk(k.kid(), (RSAPublicKey) k.pair().getPublic()));
    }
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("keys", keys).encode());
  }

  /** The authorisation endpoint: checks the request like Moodle, then answers with an auto-post form. */
  private void authorise(RoutingContext ctx) {
    lastAuthQuery = ctx.request().query();
    var p = ctx.request().params();
    Pending pend = pending.remove(p.get("login_hint") == null ? "" : p.get("login_hint"));
    LaunchSpec spec = pend == null ? null : pend.spec();
    String redirect = p.get("redirect_uri");
    String problem = null;
    if (spec == null) {
      problem = "login_hint unknown or used";
    } else if (!"openid".equals(p.get("scope")) || !"id_token".equals(p.get("response_type"))
        || !"form_post".equals(p.get("response_mode")) || !"none".equals(p.get("prompt"))) {
      problem = "bad OIDC parameters";
    } else if (!clientId.equals(p.get("client_id"))) {
      problem = "client_id";
    } else if (!spec.messageHint.equals(p.get("lti_message_hint"))) {
      problem = "lti_message_hint not echoed";
    } else if (p.get("state") == null || p.get("nonce") == null) {
      problem = "state or nonce missing";
    }
    String refused = problem;
    String state = p.get("state");
    String nonce = p.get("nonce");
    // RSA signing (a millisecond or two) runs on worker threads, as a platform serving many browsers at once signs
    // in parallel; on the one event loop, a benchmark's launches queued behind each other's signing.
    vertx.executeBlocking(() -> {
      StringBuilder html = new StringBuilder("<html><body><form method=\"post\" action=\"" + redirect + "\">");
      if (refused != null) {
        html.append(input("error", "invalid_request")).append(input("error_description", refused));
        if (state != null) {
          html.append(input("state", state));
        }
      } else {
        html.append(input("id_token", sign(claims(pend.toolBase(), spec, nonce), spec))).append(input("state", state));
      }
      return html.append("</form></body></html>").toString();
    }, false).onSuccess(body -> ctx.response().putHeader("Content-Type", "text/html").end(body)).onFailure(ctx::fail);
  }

  private static String input(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + value.replace("&", "&amp;")
        .replace("\"", "&quot;") + "\">";
  }

  static String targetLink(String toolBase, LaunchSpec spec) {
    return spec.targetLinkPath.startsWith("http") ? spec.targetLinkPath : toolBase + spec.targetLinkPath;
  }

  private Launch outcome(HttpResponse<String> r) {
    String token = null;
    String loc = HtmlForms.location(r);
    if (r.statusCode() == 303 && loc.startsWith("/activity?s=")) {
      token = loc.substring("/activity?s=".length());
    }
    Matcher m = REASON.matcher(r.body() == null ? "" : r.body());
    return new Launch(r, token, m.find() ? m.group(2) : null, r.statusCode());
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
