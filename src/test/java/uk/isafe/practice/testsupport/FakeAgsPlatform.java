package uk.isafe.practice.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake LMS that behaves like Moodle 4.5 for service tokens and AGS, on a real HTTP server on a free port, in its own
 * Vert.x (so it outlives the tool servers of a test). It checks the client assertion's signature against the tool's
 * public key and issues bearer tokens with scopes; it enforces the bearer token and scope, the exact media types
 * ({@code application/json} gets 400), {@code /scores} before the {@code ?type_id=} query, timestamps strictly later
 * to the second (409), and keeps {@code scoreGiven} only with {@code FullyGraded} (anything else wipes the grade).
 * Faults can be injected; everything received is recorded.
 */
public final class FakeAgsPlatform implements AutoCloseable {
  public static final String SCORE = "application/vnd.ims.lis.v1.score+json";
  public static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
  public static final String CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  public static final String SCOPE_LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

  /**
   * A fault for the next score requests: an HTTP status (with Retry-After), a hang, a dropped connection, or a slow
   * answer (accepted after {@code delayMillis}).
   */
  public record Fault(int status, String retryAfter, boolean hangs, boolean resets, long delayMillis) {
    public static Fault status(int s) {
      return new Fault(s, null, false, false, 0);
    }

    public static Fault tooMany(String retryAfter) {
      return new Fault(429, retryAfter, false, false, 0);
    }

    public static Fault hang() {
      return new Fault(0, null, true, false, 0);
    }

    public static Fault reset() {
      return new Fault(0, null, false, true, 0);
    }

    public static Fault slow(long delayMillis) {
      return new Fault(0, null, false, false, delayMillis);
    }
  }

  /** A score as received, and whether it was accepted. */
  public record Received(String lineItem, String userId, String activityProgress, String gradingProgress,
      Double scoreGiven, Double scoreMaximum, String timestamp, String comment, int answeredWith) {
  }

  public record LineItem(String id, String label, double scoreMaximum, String resourceId, String tag) {
  }

  private final Vertx vertx = Vertx.vertx();
  /** The tool's public key for a kid (null: not trusted). */
  private final Function<String, RSAPublicKey> toolKeys;
  private final String clientId;
  private final int port;
  private HttpServer server;
  private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
  private final Set<String> jtis = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger(100);
  private final Map<String, LineItem> lineItems = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSecond = new ConcurrentHashMap<>();
  private final Map<String, Optional<Double>> grades = new ConcurrentHashMap<>();
  private final List<Received> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Set<String> ungradable = ConcurrentHashMap.newKeySet();

  private FakeAgsPlatform(Function<String, RSAPublicKey> toolKeys, String clientId, int port) {
    this.toolKeys = toolKeys;
    this.clientId = clientId;
    this.port = port;
  }

  public static FakeAgsPlatform start(RSAPublicKey toolKey, String clientId) {
    return start(kid -> toolKey, clientId);
  }

  /**
   * Trusts the keys of the tool's published key set ({@code /.well-known/jwks.json}), as Moodle does with the tool's
   * public keyset URL: an assertion is checked with the key its {@code kid} names.
   */
  public static FakeAgsPlatform trustingKeySet(JsonObject jwks, String clientId) {
    Map<String, RSAPublicKey> byKid = new ConcurrentHashMap<>();
    for (Object k : jwks.getJsonArray("keys")) {
      JsonObject jwk = (JsonObject) k;
      byKid.put(jwk.getString("kid"), (RSAPublicKey) new JWK(jwk).publicKey());
    }
    return start(byKid::get, clientId);
  }

  private static FakeAgsPlatform start(Function<String, RSAPublicKey> toolKeys, String clientId) {
    FakeAgsPlatform p = new FakeAgsPlatform(toolKeys, clientId, TestServer.freePort());
    p.up();
    return p;
  }

  /** Starts (again) listening on the same port. */
  public synchronized void up() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post("/mod/lti/token.php").handler(this::token);
    router.get("/mod/lti/services.php/:ctx/lineitems").handler(this::listLineItems);
    router.post("/mod/lti/services.php/:ctx/lineitems").handler(this::createLineItem);
    router.post("/mod/lti/services.php/:ctx/lineitems/:n/lineitem/scores").handler(this::score);
    try {
      server = vertx.createHttpServer().requestHandler(router).listen(port).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    try {
      server.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String base() {
    return "http://localhost:" + port;
  }

  public String tokenUrl() {
    return base() + "/mod/lti/token.php";
  }

  public String lineItemsUrl(String context) {
    return base() + "/mod/lti/services.php/" + context + "/lineitems?type_id=1";
  }

  /** A line item the LMS made for an activity that accepts grades (the launch's own {@code lineitem}). */
  public String activityLineItem(String context, String label, double max) {
    String id = base() + "/mod/lti/services.php/" + context + "/lineitems/" + ids.incrementAndGet()
        + "/lineitem?type_id=1";
    lineItems.put(id, new LineItem(id, label, max, "", ""));
    return id;
  }

  public synchronized void fail(int times, Fault f) {
    for (int i = 0; i < times; i++) {
      faults.add(f);
    }
  }

  public void refuseUser(String userId) {
    ungradable.add(userId);
  }

  public void acceptUser(String userId) {
    ungradable.remove(userId);
  }

  public void revokeTokens() {
    tokens.clear();
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  public List<Received> accepted() {
    return received().stream().filter(r -> r.answeredWith() == 200).toList();
  }

  public List<Received> accepted(String lineItem, String userId) {
    return accepted().stream().filter(r -> r.lineItem().equals(lineItem) && r.userId().equals(userId)).toList();
  }

  /** The grade the gradebook shows: empty when none or wiped. */
  public Optional<Double> grade(String lineItem, String userId) {
    return grades.getOrDefault(lineItem + "|" + userId, Optional.empty());
  }

  public List<LineItem> lineItems() {
    return List.copyOf(lineItems.values());
  }

  public Optional<LineItem> lineItem(String resourceId, String tag) {
    return lineItems.values().stream().filter(l -> l.resourceId().equals(resourceId) && l.tag().equals(tag))
        .findFirst();
  }

  private void token(RoutingContext ctx) {
    tokenRequests.incrementAndGet();
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      error(ctx, 400, "invalid_request");
      return;
    }
    var form = ctx.request().formAttributes();
    if (!"client_credentials".equals(form.get("grant_type"))
        || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
      error(ctx, 400, "unsupported_grant_type");
      return;
    }
    JsonObject claims = verify(form.get("client_assertion"));
    long now = Instant.now().getEpochSecond();
    if (claims == null || !clientId.equals(claims.getString("iss")) || !clientId.equals(claims.getString("sub"))
        || !tokenUrl().equals(claims.getValue("aud")) || claims.getLong("exp", 0L) < now
        || claims.getLong("iat", Long.MAX_VALUE) > now + 5 || !jtis.add(claims.getString("jti", ""))) {
      error(ctx, 401, "invalid_client");
      return;
    }
    Set<String> scopes = new HashSet<>(List.of(form.get("scope") == null ? new String[0]
        : form.get("scope").split(" ")));
    scopes.retainAll(Set.of(SCOPE_LINE_ITEM, SCOPE_SCORE));
    String token = "tok-" + ids.incrementAndGet();
    tokens.put(token, scopes);
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("access_token", token)
        .put("token_type", "Bearer").put("expires_in", 3600).put("scope", String.join(" ", scopes)).encode());
  }

  private JsonObject verify(String jwt) {
    try {
      String[] parts = jwt.split("\\.");
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      RSAPublicKey toolKey = header.getString("kid") == null ? null : toolKeys.apply(header.getString("kid"));
      if (!"RS256".equals(header.getString("alg")) || toolKey == null) {
        return null;
      }
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(toolKey);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return null;
      }
      return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (Exception e) {
      return null;
    }
  }

  private boolean authorised(RoutingContext ctx, String scope) {
    String auth = ctx.request().getHeader("Authorization");
    Set<String> granted = auth == null || !auth.startsWith("Bearer ") ? null : tokens.get(auth.substring(7));
    if (granted == null) {
      error(ctx, 401, "invalid or expired token");
      return false;
    }
    if (!granted.contains(scope)) {
      error(ctx, 403, "scope not granted");
      return false;
    }
    return true;
  }

  private void listLineItems(RoutingContext ctx) {
    if (!authorised(ctx, SCOPE_LINE_ITEM)) {
      return;
    }
    String accept = ctx.request().getHeader("Accept");
    if (accept == null || !accept.contains(CONTAINER)) {
      error(ctx, 400, "unsupported Accept");
      return;
    }
    String prefix = base() + "/mod/lti/services.php/" + ctx.pathParam("ctx") + "/";
    String resourceId = ctx.request().getParam("resource_id");
    String tag = ctx.request().getParam("tag");
    JsonArray out = new JsonArray();
    lineItems.values().stream().filter(l -> l.id().startsWith(prefix))
        .filter(l -> resourceId == null || resourceId.equals(l.resourceId()))
        .filter(l -> tag == null || tag.equals(l.tag()))
        .forEach(l -> out.add(json(l)));
    ctx.response().putHeader("Content-Type", CONTAINER).end(out.encode());
  }

  private void createLineItem(RoutingContext ctx) {
    if (!authorised(ctx, SCOPE_LINE_ITEM)) {
      return;
    }
    if (!LINE_ITEM.equals(ctx.request().getHeader("Content-Type"))) {
      error(ctx, 400, "unsupported Content-Type");
      return;
    }
    JsonObject body = ctx.body().asJsonObject();
    String id = base() + "/mod/lti/services.php/" + ctx.pathParam("ctx") + "/lineitems/" + ids.incrementAndGet()
        + "/lineitem?type_id=1";
    LineItem item = new LineItem(id, body.getString("label"), body.getDouble("scoreMaximum"),
        body.getString("resourceId", ""), body.getString("tag", ""));
    lineItems.put(id, item);
    ctx.response().setStatusCode(201).putHeader("Content-Type", LINE_ITEM).end(json(item).encode());
  }

  private void score(RoutingContext ctx) {
    Fault fault;
    synchronized (this) {
      fault = faults.poll();
    }
    if (fault != null && fault.delayMillis() > 0) {
      vertx.setTimer(fault.delayMillis(), id -> accept(ctx));
      return;
    }
    if (fault != null) {
      if (fault.hangs()) {
        return;
      }
      if (fault.resets()) {
        ctx.request().connection().close();
        return;
      }
      if (fault.retryAfter() != null) {
        ctx.response().putHeader("Retry-After", fault.retryAfter());
      }
      error(ctx, fault.status(), "injected fault");
      return;
    }
    accept(ctx);
  }

  private void accept(RoutingContext ctx) {
    if (!"1".equals(ctx.request().getParam("type_id"))) {
      error(ctx, 404, "no type_id");
      return;
    }
    if (!authorised(ctx, SCOPE_SCORE)) {
      return;
    }
    if (!SCORE.equals(ctx.request().getHeader("Content-Type"))) {
      error(ctx, 400, "unsupported Content-Type");
      return;
    }
    String lineItem = base() + "/mod/lti/services.php/" + ctx.pathParam("ctx") + "/lineitems/" + ctx.pathParam("n")
        + "/lineitem?type_id=1";
    if (!lineItems.containsKey(lineItem)) {
      error(ctx, 404, "no such line item");
      return;
    }
    JsonObject s = ctx.body().asJsonObject();
    String user = s.getString("userId");
    String progress = s.getString("gradingProgress");
    Double given = s.getDouble("scoreGiven");
    int status;
    synchronized (this) {
      if (user == null || s.getString("timestamp") == null || s.getString("activityProgress") == null
          || progress == null) {
        status = 400;
      } else if (ungradable.contains(user)) {
        status = 400;
      } else {
        long second = Instant.parse(s.getString("timestamp")).getEpochSecond();
        Long last = lastSecond.get(lineItem + "|" + user);
        if (last != null && second <= last) {
          status = 409;
        } else {
          lastSecond.put(lineItem + "|" + user, second);
          grades.put(lineItem + "|" + user, "FullyGraded".equals(progress) && given != null
              ? Optional.of(given) : Optional.empty());
          status = 200;
        }
      }
      received.add(new Received(lineItem, user, s.getString("activityProgress"), progress, given,
          s.getDouble("scoreMaximum"), s.getString("timestamp"), s.getString("comment"), status));
    }
    if (status == 200) {
      ctx.response().putHeader("Content-Type", "application/json").end("{}");
    } else {
      error(ctx, status, status == 409 ? "timestamp not later than the last one" : "user not gradable");
    }
  }

  private static JsonObject json(LineItem l) {
    return new JsonObject().put("id", l.id()).put("label", l.label()).put("scoreMaximum", l.scoreMaximum())
        .put("resourceId", l.resourceId()).put("tag", l.tag());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
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
