package uk.isafe.practice.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An LTI 1.1 consumer as Totara and older Moodle sites behave: launches are form posts signed with OAuth 1.0a
 * HMAC-SHA1 (signed here with its own implementation of the signature base string, not the tool's library), and
 * an outcome service that takes Basic Outcomes {@code replaceResult}, checks the request's OAuth signature and body
 * hash, records the score, and answers POX (or an injected fault: an HTTP status, a POX failure, or a hang).
 */
public final class FakeLti11Consumer implements AutoCloseable {
  private static final Pattern SOURCED = Pattern.compile("<sourcedId>([^<]*)</sourcedId>");
  private static final Pattern SCORE = Pattern.compile("<textString>([^<]*)</textString>");
  private static final Pattern HEADER_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  public final String key;
  public final String secret;
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final List<String> faults = Collections.synchronizedList(new ArrayList<>());

  /** A replaceResult as received: sourcedid, score and whether its signature and body hash held. */
  public record Outcome(String sourcedid, double score, boolean signatureValid, boolean bodyHashValid, int answered) {
  }

  private FakeLti11Consumer(String key, String secret) {
    this.key = key;
    this.secret = secret;
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post("/mod/lti/service.php").handler(this::outcome);
    try {
      server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static FakeLti11Consumer start(String key, String secret) {
    return new FakeLti11Consumer(key, secret);
  }

  public String outcomeUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/mod/lti/service.php";
  }

  /** The parameters of a learner's launch of a link with {@code activity}, before signing. */
  public Map<String, String> learnerLaunch(String userId, String activity) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("lti_version", "LTI-1p0");
    p.put("resource_link_id", "totara-link-7");
    p.put("resource_link_title", "Dad not on file");
    p.put("context_id", "totara-course-3");
    p.put("context_title", "Working with fathers – autumn cohort");
    p.put("user_id", userId);
    p.put("roles", "Learner");
    p.put("lis_person_name_full", "Sam Learner");
    p.put("launch_presentation_locale", "en_GB");
    p.put("launch_presentation_return_url", "http://127.0.0.1:" + server.actualPort() + "/course/view.php?id=3");
    p.put("lis_outcome_service_url", outcomeUrl());
    p.put("lis_result_sourcedid", "{\"data\":{\"instanceid\":\"7\",\"userid\":\"" + userId + "\"},\"hash\":\"x\"}");
    p.put("custom_activity", activity);
    return p;
  }

  /** Adds the OAuth parameters and an HMAC-SHA1 signature over POST {@code url}. */
  public Map<String, String> sign(Map<String, String> params, String url) {
    return sign(params, url, key, secret, Instant.now().getEpochSecond());
  }

  public static Map<String, String> sign(Map<String, String> params, String url, String key, String secret,
      long timestamp) {
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("oauth_consumer_key", key);
    p.put("oauth_signature_method", "HMAC-SHA1");
    p.put("oauth_timestamp", Long.toString(timestamp));
    p.put("oauth_nonce", UUID.randomUUID().toString().replace("-", ""));
    p.put("oauth_version", "1.0");
    p.put("oauth_callback", "about:blank");
    p.put("oauth_signature", signature("POST", url, p, secret));
    return p;
  }

  /** Posts the signed parameters to the tool's 1.1 launch; the answer is not followed. */
  public HttpResponse<String> post(TestServer tool, Map<String, String> signed) {
    return tool.http().postForm("/lti/1p1/launch", signed);
  }

  /** The next outcome requests answer {@code fault}: "500", "pox-failure" or "hang". */
  public void fail(int times, String fault) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  public List<Outcome> outcomes() {
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  private void outcome(RoutingContext ctx) {
    String fault = faults.isEmpty() ? null : faults.remove(0);
    if ("hang".equals(fault)) {
      return;
    }
    String body = ctx.body().asString();
    Map<String, String> oauth = new TreeMap<>();
    Matcher m = HEADER_PARAM.matcher(String.valueOf(ctx.request().getHeader("Authorization")));
    while (m.find()) {
      oauth.put(decode(m.group(1)), decode(m.group(2)));
    }
    String given = oauth.remove("oauth_signature");
    boolean signatureValid = given != null && given.equals(signature("POST", outcomeUrl(), oauth, secret));
    boolean hashValid = bodyHash(body).equals(oauth.get("oauth_body_hash"));
    Matcher sourced = SOURCED.matcher(body);
    Matcher score = SCORE.matcher(body);
    int status = "500".equals(fault) ? 500 : 200;
    outcomes.add(new Outcome(sourced.find() ? unescape(sourced.group(1)) : null,
        score.find() ? Double.parseDouble(score.group(1)) : Double.NaN, signatureValid, hashValid, status));
    if (status == 500) {
      ctx.response().setStatusCode(500).end("server error");
      return;
    }
    boolean ok = signatureValid && hashValid && !"pox-failure".equals(fault);
    ctx.response().putHeader("Content-Type", "application/xml").end("""
        <?xml version="1.0" encoding="UTF-8"?>
        <imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
          <imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version>
            <imsx_messageIdentifier>1</imsx_messageIdentifier>
            <imsx_statusInfo><imsx_codeMajor>%s</imsx_codeMajor><imsx_severity>status</imsx_severity>
              <imsx_description>%s</imsx_description></imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader>
          <imsx_POXBody><replaceResultResponse/></imsx_POXBody>
        </imsx_POXEnvelopeResponse>
        """.formatted(ok ? "success" : "failure", ok ? "Score saved" : "Invalid request"));
  }

  /** RFC 5849 §3.4: HMAC-SHA1 over METHOD&URL&sorted, encoded parameters, keyed with secret&. */
  static String signature(String method, String url, Map<String, String> params, String secret) {
    String normalised = params.entrySet().stream().filter(e -> !e.getKey().equals("oauth_signature"))
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).sorted().collect(Collectors.joining("&"));
    String base = method + "&" + encode(url) + "&" + encode(normalised);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((encode(secret) + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String bodyHash(String body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  @Override
  public void close() {
    vertx.close();
  }
}
