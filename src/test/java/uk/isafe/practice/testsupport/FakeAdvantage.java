package uk.isafe.practice.testsupport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import uk.isafe.practice.lti.Claims;

/**
 * The LTI Advantage side of a {@link FakePlatform}, Moodle-like: the deep-linking return
 * ({@code /mod/lti/contentitem_return.php}) that verifies the tool's signature against the tool's published key set
 * and checks the response's claims; the OpenID configuration ({@code /mod/lti/openid-configuration.php}) and the
 * registration endpoint ({@code /mod/lti/openid-registration.php}) of Dynamic Registration, accepting each bearer
 * registration token once and checking the tool's configuration as Moodle 4.5 does.
 */
public final class FakeAdvantage {
  public static final String DL_RETURN = "/mod/lti/contentitem_return.php";
  public static final String OPENID = "/mod/lti/openid-configuration.php";
  public static final String REGISTER = "/mod/lti/openid-registration.php";

  /** A deep-linking response as received: its verified claims, or the problem found. */
  public record DeepLinkReturn(JsonObject claims, String problem) {
  }

  /** A registration as received and answered. */
  public record Registered(JsonObject request, String clientId, String deploymentId) {
  }

  private final FakePlatform platform;
  private final List<DeepLinkReturn> returns = Collections.synchronizedList(new ArrayList<>());
  private final List<Registered> registrations = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> registrationTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, String> clientIdsByToolUrl = new ConcurrentHashMap<>();
  private final AtomicInteger toolTypes = new AtomicInteger(10);
  private volatile String toolBase;
  private volatile String advertisedIssuer;

  FakeAdvantage(FakePlatform platform) {
    this.platform = platform;
  }

  void mount(Router router) {
    router.post(DL_RETURN).blockingHandler(this::deepLinkReturn);
    router.get(OPENID).handler(this::openIdConfiguration);
    router.post(REGISTER).handler(this::register);
  }

  /** The tool whose key set deep-linking responses are checked against. */
  void tool(String base) {
    this.toolBase = base;
  }

  public List<DeepLinkReturn> deepLinkReturns() {
    return List.copyOf(returns);
  }

  public List<Registered> registrations() {
    return List.copyOf(registrations);
  }

  /** A fresh single-use registration token, as Moodle puts in the registration URL it opens. */
  public String registrationToken() {
    String t = "regtok-" + java.util.UUID.randomUUID();
    registrationTokens.add(t);
    return t;
  }

  /** Makes the OpenID configuration claim another issuer (a misconfigured or hostile platform). */
  public void advertiseIssuer(String issuer) {
    this.advertisedIssuer = issuer;
  }

  public String openIdConfigurationUrl() {
    return platform.issuer() + OPENID;
  }

  private void deepLinkReturn(RoutingContext ctx) {
    String jwt = ctx.request().getFormAttribute("JWT");
    JsonObject claims = null;
    String problem;
    try {
      claims = verify(jwt);
      problem = check(claims);
    } catch (Exception e) {
      problem = "unverifiable: " + e.getMessage();
    }
    returns.add(new DeepLinkReturn(claims, problem));
    ctx.response().setStatusCode(problem == null ? 200 : 400).putHeader("Content-Type", "text/html")
        .end(problem == null ? "<p>Content added</p>" : "<p>Error: " + problem + "</p>");
  }

  private JsonObject verify(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    if (!"RS256".equals(header.getString("alg")) || header.getString("kid") == null) {
      throw new IllegalStateException("alg or kid");
    }
    HttpResponse<String> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(toolBase + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
    RSAPublicKey key = null;
    for (Object k : new JsonObject(keys.body()).getJsonArray("keys")) {
      if (header.getString("kid").equals(((JsonObject) k).getString("kid"))) {
        key = rsaKey((JsonObject) k);
      }
    }
    if (key == null) {
      throw new IllegalStateException("kid not in the tool's key set");
    }
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key);
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
      throw new IllegalStateException("signature");
    }
    return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private String check(JsonObject c) {
    long now = Instant.now().getEpochSecond();
    if (!platform.clientId().equals(c.getString("iss"))) {
      return "iss is not the client id";
    }
    if (!platform.issuer().equals(c.getValue("aud"))) {
      return "aud is not the platform";
    }
    if (c.getLong("exp", 0L) < now || c.getLong("iat", Long.MAX_VALUE) > now + 5) {
      return "times";
    }
    if (c.getString("nonce", "").isBlank()) {
      return "nonce";
    }
    if (!"LtiDeepLinkingResponse".equals(c.getString(Claims.MESSAGE_TYPE))
        || !"1.3.0".equals(c.getString(Claims.VERSION))) {
      return "message type or version";
    }
    if (!platform.deploymentId().equals(c.getString(Claims.DEPLOYMENT_ID))) {
      return "deployment";
    }
    if (!(c.getValue("https://purl.imsglobal.org/spec/lti-dl/claim/content_items") instanceof JsonArray)) {
      return "content_items";
    }
    return null;
  }

  private void openIdConfiguration(RoutingContext ctx) {
    String iss = platform.issuer();
    JsonObject conf = new JsonObject()
        .put("issuer", advertisedIssuer == null ? iss : advertisedIssuer)
        .put("token_endpoint", platform.tokenUrl())
        .put("token_endpoint_auth_methods_supported", new JsonArray().add("private_key_jwt"))
        .put("token_endpoint_auth_signing_alg_values_supported", new JsonArray().add("RS256"))
        .put("jwks_uri", platform.jwksUrl())
        .put("authorization_endpoint", platform.authUrl())
        .put("registration_endpoint", iss + REGISTER)
        .put("scopes_supported", new JsonArray().add("openid")
            .add("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")
            .add("https://purl.imsglobal.org/spec/lti-ags/scope/score")
            .add("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"))
        .put("response_types_supported", new JsonArray().add("id_token"))
        .put("subject_types_supported", new JsonArray().add("public").add("pairwise"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
        .put("claims_supported", new JsonArray().add("sub").add("iss").add("name").add("given_name")
            .add("family_name").add("email"))
        .put("https://purl.imsglobal.org/spec/lti-platform-configuration", new JsonObject()
            .put("product_family_code", "moodle").put("version", "2024100700")
            .put("messages_supported", new JsonArray()
                .add(new JsonObject().put("type", "LtiResourceLinkRequest"))
                .add(new JsonObject().put("type", "LtiDeepLinkingRequest")))
            .put("variables", new JsonArray().add("Context.id")));
    ctx.response().putHeader("Content-Type", "application/json").end(conf.encode());
  }

  /** Moodle's registration endpoint: a bearer token used once, then the tool's configuration checked. */
  private void register(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !registrationTokens.remove(auth.substring(7))) {
      ctx.response().setStatusCode(401).end("Unauthorized");
      return;
    }
    JsonObject r;
    try {
      r = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      ctx.response().setStatusCode(400).end("not JSON");
      return;
    }
    String problem = checkRegistration(r);
    if (problem != null) {
      ctx.response().setStatusCode(400).end(problem);
      return;
    }
    JsonObject tool = r.getJsonObject("https://purl.imsglobal.org/spec/lti-tool-configuration");
    // Moodle gives a new tool type (client id, deployment id) per registration; this fake re-uses them per tool
    // URL so that a re-registration can be recognised by the tool.
    String clientId = clientIdsByToolUrl.computeIfAbsent(tool.getString("target_link_uri"),
        u -> platform.clientId());
    String deployment = platform.deploymentId();
    registrations.add(new Registered(r, clientId, deployment));
    JsonObject answer = r.copy().put("client_id", clientId).put("registration_client_uri", platform.issuer()
        + "/mod/lti/register.php?id=" + toolTypes.incrementAndGet());
    answer.getJsonObject("https://purl.imsglobal.org/spec/lti-tool-configuration").put("deployment_id", deployment);
    ctx.response().putHeader("Content-Type", "application/json").end(answer.encode());
  }

  private static String checkRegistration(JsonObject r) {
    JsonObject tool = r.getJsonObject("https://purl.imsglobal.org/spec/lti-tool-configuration");
    if (tool == null) {
      return "no lti-tool-configuration";
    }
    for (String f : List.of("initiate_login_uri", "jwks_uri", "client_name")) {
      if (r.getString(f, "").isBlank()) {
        return "missing " + f;
      }
    }
    if (!(r.getValue("redirect_uris") instanceof JsonArray uris) || uris.isEmpty()) {
      return "missing redirect_uris";
    }
    if (!"private_key_jwt".equals(r.getString("token_endpoint_auth_method"))) {
      return "token_endpoint_auth_method";
    }
    URI target = URI.create(tool.getString("target_link_uri", ""));
    String hostPort = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    if (!hostPort.equals(tool.getString("domain"))) {
      return "domain " + tool.getString("domain") + " is not the target link's host and port " + hostPort;
    }
    return null;
  }

  /** The platform side reads the tool's JWK with the JDK alone, not with the tool's own code. */
  private static RSAPublicKey rsaKey(JsonObject jwk) throws java.security.GeneralSecurityException {
    java.math.BigInteger n = new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
    java.math.BigInteger e = new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
    return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
        .generatePublic(new java.security.spec.RSAPublicKeySpec(n, e));
  }
}
