package uk.isafe.practice.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.isafe.practice.lti.Claims;
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
  private static final Pattern INPUT = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
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

  private record Pending(LaunchSpec spec, String toolBase) {
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
    router.get("/jwks").handler(this::jwks);
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
  public Launch launch(TestServer tool, LaunchSpec spec) {
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

  /** Login (and cookie check or platform storage) and authorisation, without posting the launch. */
  public Prepared prepare(TestServer tool, LaunchSpec spec) {
    TestHttp http = tool.http();
    String loginHint = "hint-" + COUNTER.incrementAndGet();
    pending.put(loginHint, new Pending(spec, tool.url("")));
    HttpResponse<String> r = http.postForm(tool.url("/lti/login"), loginForm(tool, spec, loginHint),
        "Accept", "text/html");
    String cookie = cookie(r, "isafe_lti_state");
    String authLocation;
    if (r.statusCode() == 302 && location(r).startsWith("/lti/login/check")) {
      r = http.get(tool.url(location(r)), headers(spec.sendStateCookie ? cookie : null));
      if (r.statusCode() != 302) {
        return new Prepared(Map.of(), null, cookie, outcome(r));
      }
      authLocation = location(r);
    } else if (r.statusCode() == 200 && r.body().contains("data-mode=\"put\"")) {
      storage.put(attr(r.body(), "data-key"), attr(r.body(), "data-value"));
      authLocation = attr(r.body(), "data-next");
    } else {
      return new Prepared(Map.of(), null, cookie, outcome(r));
    }
    HttpResponse<String> auth = http.get(authLocation);
    return new Prepared(hiddenInputs(auth.body()), attr(auth.body(), "action"), spec.sendStateCookie ? cookie : null,
        null);
  }

  /** Posts a prepared launch as the browser would (answering a platform-storage page from this platform's storage). */
  public Launch post(TestServer tool, Prepared p) {
    TestHttp http = tool.http();
    HttpResponse<String> r = http.postForm(p.action() == null ? tool.url("/lti/launch") : p.action(), p.form(),
        headers(p.stateCookie()));
    if (r.statusCode() == 200 && r.body().contains("data-mode=\"get\"")) {
      Map<String, String> again = hiddenInputs(r.body());
      again.put("lti_storage_value", storage.getOrDefault(attr(r.body(), "data-key"), ""));
      r = http.postForm(tool.url("/lti/launch"), again, headers(null));
    }
    return outcome(r);
  }

  /** The form a platform posts to /lti/login for {@code spec}. */
  public Map<String, String> loginForm(TestServer tool, LaunchSpec spec, String loginHint) {
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

  /** The claims of an id_token for {@code spec} (before overrides are applied). */
  public JsonObject claims(String toolBase, LaunchSpec spec, String nonce) {
    long iat = Instant.now().getEpochSecond() + spec.iatOffsetSeconds;
    JsonObject c = new JsonObject().put("iss", issuer()).put("aud", clientId).put("iat", iat)
        .put("exp", iat + spec.lifetimeSeconds).put("nonce", nonce)
        .put(Claims.MESSAGE_TYPE, Claims.RESOURCE_LINK_REQUEST).put(Claims.VERSION, "1.3.0")
        .put(Claims.DEPLOYMENT_ID, spec.deploymentId == null ? deploymentId() : spec.deploymentId)
        .put(Claims.TARGET_LINK_URI, targetLink(toolBase, spec))
        .put(Claims.RESOURCE_LINK, new JsonObject().put("id", spec.linkId).put("title", spec.linkTitle))
        .put(Claims.ROLES, new JsonArray(new ArrayList<>(spec.roles)))
        .put(Claims.LAUNCH_PRESENTATION, new JsonObject().put("locale", spec.locale).put("document_target", "iframe")
            .put("return_url", issuer() + "/course/view.php?id=2"))
        .put(Claims.TOOL_PLATFORM, new JsonObject().put("product_family_code", "moodle").put("version", "4.5"));
    if (spec.sub != null) {
      c.put("sub", spec.sub);
    }
    if (spec.givenName != null) {
      c.put("given_name", spec.givenName).put("family_name", spec.familyName)
          .put("name", spec.givenName + " " + spec.familyName);
    }
    if (spec.email != null) {
      c.put("email", spec.email);
    }
    if (!spec.noContext) {
      c.put(Claims.CONTEXT, new JsonObject().put("id", spec.contextId).put("title", spec.contextTitle)
          .put("label", "WWF").put("type", new JsonArray().add("CourseSection")));
    }
    if (!spec.custom.isEmpty()) {
      c.put(Claims.CUSTOM, new JsonObject(new LinkedHashMap<>(spec.custom)));
    }
    if (spec.ags != null) {
      c.put(Claims.AGS_ENDPOINT, spec.ags.copy());
    }
    spec.claimOverrides.forEach(c::put);
    spec.removedClaims.forEach(c::remove);
    return c;
  }

  /** Signs {@code claims} as {@code spec} says (header overrides included). */
  public String sign(JsonObject claims, LaunchSpec spec) {
    SigningKey key = spec.signing == Signing.OTHER_KEY ? strangerKey : signingKey;
    String alg = switch (spec.signing) {
      case NONE -> "none";
      case HS256 -> "HS256";
      case RS384 -> "RS384";
      default -> "RS256";
    };
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", alg).put("kid", key.kid());
    spec.headerOverrides.forEach(header::put);
    spec.removedHeaders.forEach(header::remove);
    String input = b64(header.encode()) + "." + b64(claims.encode());
    byte[] sig;
    try {
      switch (spec.signing) {
        case NONE -> sig = new byte[0];
        case HS256 -> {
          // Algorithm confusion: the platform's public key as an HMAC secret.
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(signingKey.pair().getPublic().getEncoded(), "HmacSHA256"));
          sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        }
        default -> {
          Signature s = Signature.getInstance(spec.signing == Signing.RS384 ? "SHA384withRSA" : "SHA256withRSA");
          s.initSign(key.pair().getPrivate());
          s.update(input.getBytes(StandardCharsets.US_ASCII));
          sig = s.sign();
          if (spec.signing == Signing.BROKEN_SIGNATURE) {
            sig[10] ^= 0x01;
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return spec.tokenTamper.apply(input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig));
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
    StringBuilder html = new StringBuilder("<html><body><form method=\"post\" action=\"" + redirect + "\">");
    if (problem != null) {
      html.append(input("error", "invalid_request")).append(input("error_description", problem));
      if (p.get("state") != null) {
        html.append(input("state", p.get("state")));
      }
    } else {
      String token = sign(claims(pend.toolBase(), spec, p.get("nonce")), spec);
      html.append(input("id_token", token)).append(input("state", p.get("state")));
    }
    ctx.response().putHeader("Content-Type", "text/html").end(html.append("</form></body></html>").toString());
  }

  private static String input(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + value.replace("&", "&amp;")
        .replace("\"", "&quot;") + "\">";
  }

  private static String targetLink(String toolBase, LaunchSpec spec) {
    return spec.targetLinkPath.startsWith("http") ? spec.targetLinkPath : toolBase + spec.targetLinkPath;
  }

  private Launch outcome(HttpResponse<String> r) {
    String token = null;
    String loc = location(r);
    if (r.statusCode() == 303 && loc.startsWith("/activity?s=")) {
      token = loc.substring("/activity?s=".length());
    }
    Matcher m = REASON.matcher(r.body() == null ? "" : r.body());
    return new Launch(r, token, m.find() ? m.group(2) : null, r.statusCode());
  }

  /** Hidden inputs of an HTML form, decoded. */
  public static Map<String, String> hiddenInputs(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = INPUT.matcher(html);
    while (m.find()) {
      out.put(m.group(1), unescape(m.group(2)));
    }
    return out;
  }

  static String attr(String html, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    return m.find() ? unescape(m.group(1)) : null;
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  /** The value of cookie {@code name} set by {@code r}, or null. */
  public static String cookie(HttpResponse<String> r, String name) {
    for (String h : r.headers().allValues("Set-Cookie")) {
      if (h.startsWith(name + "=")) {
        String v = h.substring(name.length() + 1);
        int semi = v.indexOf(';');
        return semi < 0 ? v : v.substring(0, semi);
      }
    }
    return null;
  }

  private static String[] headers(String stateCookie) {
    return stateCookie == null ? new String[] {"Accept", "text/html"}
        : new String[] {"Accept", "text/html", "Cookie", "isafe_lti_state=" + stateCookie};
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
