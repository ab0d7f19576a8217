package uk.isafe.practice.lti.token;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.lti.keys.SigningKeys;

/**
 * Service tokens for every LTI service (AGS, NRPS): the client-credentials grant with a signed JWT assertion, sent
 * form-encoded (Moodle accepts nothing else). Tokens are cached per (registration, scope set) until shortly before
 * they expire, and concurrent callers share one request. {@link #call} retries a call once with a fresh token when the
 * platform answers 401. Tokens and assertions are never logged.
 */
public final class ServiceTokenClient {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceTokenClient.class);
  static final String GRANT = "client_credentials";
  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  /** A token is refreshed this long before its expiry (or at half its life when shorter). */
  static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3600);

  private record CacheKey(long registrationId, String scopes) {
  }

  private record Cached(String token, Instant refreshAt) {
  }

  private final WebClient web;
  private final SqlClient db;
  private final SigningKeys keys;
  private final Clock clock;
  private final long timeoutMillis;
  private final Map<CacheKey, Future<Cached>> cache = new ConcurrentHashMap<>();

  public ServiceTokenClient(WebClient web, SqlClient db, SigningKeys keys, Clock clock, Duration timeout) {
    this.web = web;
    this.db = db;
    this.keys = keys;
    this.clock = clock;
    this.timeoutMillis = timeout.toMillis();
  }

  /** A bearer token for {@code scopes} at the platform of {@code registrationId}, from the cache when still fresh. */
  public Future<String> token(long registrationId, Collection<String> scopes) {
    CacheKey key = new CacheKey(registrationId, String.join(" ", new TreeSet<>(scopes)));
    Future<Cached> current = cache.get(key);
    if (current != null && (!current.isComplete()
        || (current.succeeded() && clock.instant().isBefore(current.result().refreshAt())))) {
      return current.map(Cached::token);
    }
    Future<Cached> fresh = request(key);
    cache.put(key, fresh);
    fresh.onFailure(err -> cache.remove(key, fresh));
    return fresh.map(Cached::token);
  }

  /** Forgets {@code token} (the platform refused it), so the next call asks for a new one. */
  public void invalidate(long registrationId, Collection<String> scopes, String token) {
    CacheKey key = new CacheKey(registrationId, String.join(" ", new TreeSet<>(scopes)));
    Future<Cached> current = cache.get(key);
    if (current != null && current.succeeded() && current.result().token().equals(token)) {
      cache.remove(key, current);
    }
  }

  /**
   * Makes a service call with a bearer token; on a 401 refreshes the token once and makes the call again. The last
   * response is returned whatever its status: callers decide what it means.
   */
  public Future<HttpResponse<Buffer>> call(long registrationId, Collection<String> scopes,
      Function<String, Future<HttpResponse<Buffer>>> request) {
    return token(registrationId, scopes)
        .compose(token -> request.apply(token).compose(response -> {
          if (response.statusCode() != 401) {
            return Future.succeededFuture(response);
          }
          LOG.info("service token refused, refreshing once registration={}", registrationId);
          invalidate(registrationId, scopes, token);
          return token(registrationId, scopes).compose(request);
        }));
  }

  private Future<Cached> request(CacheKey key) {
    return TokenEndpoint.find(db, key.registrationId())
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
            new TokenException(0, "no enabled registration " + key.registrationId()))))
        .compose(endpoint -> keys.current().compose(signingKey -> {
          Instant now = clock.instant();
          return signOffTheEventLoop(() -> ClientAssertion.sign(signingKey, endpoint.clientId(), endpoint.audience(),
              now)).compose(assertion -> send(key, endpoint, assertion, now));
        }));
  }

  private Future<Cached> send(CacheKey key, TokenEndpoint endpoint, String assertion, Instant now) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", GRANT)
        .add("client_assertion_type", ASSERTION_TYPE)
        .add("client_assertion", assertion)
        .add("scope", key.scopes());
    return web.postAbs(endpoint.tokenUrl())
        .timeout(timeoutMillis)
        .putHeader("Accept", "application/json")
        .sendForm(form)
        .recover(err -> Future.failedFuture(new TokenException(0, err.getClass().getSimpleName() + ": "
            + err.getMessage())))
        .compose(response -> parse(key, response, now));
  }

  /** RSA signing takes about a millisecond of CPU: on a worker thread when called from a Vert.x context. */
  private static Future<String> signOffTheEventLoop(Callable<String> sign) {
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(sign.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(sign, false);
  }

  private Future<Cached> parse(CacheKey key, HttpResponse<Buffer> response, Instant requestedAt) {
    if (response.statusCode() != 200) {
      String body = trim(response.bodyAsString());
      LOG.warn("service token refused registration={} status={} answer={}", key.registrationId(),
          response.statusCode(), body);
      return Future.failedFuture(new TokenException(response.statusCode(), body));
    }
    try {
      JsonObject json = response.bodyAsJsonObject();
      String token = json == null ? null : json.getString("access_token");
      if (token == null || token.isBlank()) {
        return Future.failedFuture(new TokenException(200, "no access_token in the answer"));
      }
      Number expiresIn = json.getNumber("expires_in");
      Duration life = expiresIn == null ? DEFAULT_LIFETIME : Duration.ofSeconds(expiresIn.longValue());
      Duration early = life.compareTo(EARLY_REFRESH.multipliedBy(2)) < 0 ? life.dividedBy(2) : EARLY_REFRESH;
      return Future.succeededFuture(new Cached(token, requestedAt.plus(life).minus(early)));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new TokenException(200, "the answer is not a JSON object"));
    }
  }

  public static String trim(String s) {
    if (s == null) {
      return "";
    }
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
