package uk.isafe.practice.lti.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Service tokens: a signed client assertion, cached per registration and scope set, refreshed when refused. */
class ServiceTokenClientTest {
  private static final List<String> SCORE = List.of(FakeAgsPlatform.SCOPE_SCORE);
  private static SigningKey key;
  private static FakeAgsPlatform platform;
  private static TestServer server;
  private static long registration;

  @BeforeAll
  static void start() {
    key = GradesTesting.newKey();
    platform = FakeAgsPlatform.start(key.publicKey(), TestSessions.CLIENT_ID);
    server = GradesTesting.server(TestDatabase.fresh(), key, GradesTesting.fast());
    registration = TestSessions.on(server).link("l", Map.of()).create().context().registrationId();
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
    platform.close();
  }

  private ServiceTokenClient client() {
    return new ServiceTokenClient(WebClient.create(server.vertx()), server.core().pool(),
        () -> Future.succeededFuture(key), Clock.systemUTC(), Duration.ofSeconds(5));
  }

  @Test
  void client_assertion_is_rs256_with_kid_and_the_security_framework_claims() throws Exception {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    String jwt = ClientAssertion.sign(key, "client-9", "https://lms.example/token", now);
    String[] parts = jwt.split("\\.");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertEquals("RS256", header.getString("alg"));
    assertEquals(key.kid(), header.getString("kid"));
    assertEquals("client-9", claims.getString("iss"));
    assertEquals("client-9", claims.getString("sub"));
    assertEquals("https://lms.example/token", claims.getValue("aud"), "a single string");
    assertEquals(now.getEpochSecond() - 5, claims.getLong("iat"));
    assertEquals(now.getEpochSecond() + 300, claims.getLong("exp"));
    assertNotEquals(claims.getString("jti"), new JsonObject(new String(Base64.getUrlDecoder().decode(
        ClientAssertion.sign(key, "client-9", "a", now).split("\\.")[1]), StandardCharsets.UTF_8)).getString("jti"));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(key.publicKey());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertEquals(true, rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
  }

  @Test
  void tokens_are_cached_per_registration_and_scope_set() {
    ServiceTokenClient tokens = client();
    int before = platform.tokenRequests();
    String first = run(tokens.token(registration, SCORE));
    String again = run(tokens.token(registration, SCORE));
    assertEquals(first, again);
    assertEquals(before + 1, platform.tokenRequests());
    String other = run(tokens.token(registration, List.of(FakeAgsPlatform.SCOPE_SCORE,
        FakeAgsPlatform.SCOPE_LINE_ITEM)));
    assertNotEquals(first, other);
    assertEquals(before + 2, platform.tokenRequests());
    tokens.invalidate(registration, SCORE, first);
    assertNotEquals(first, run(tokens.token(registration, SCORE)));
  }

  @Test
  void the_token_audience_of_the_registration_replaces_the_token_url() {
    run(server.core().pool().preparedQuery("UPDATE platform_registration SET token_audience = $1 WHERE id = $2")
        .execute(Tuple.of("https://lms.example/other-audience", registration)));
    try {
      // The fake platform wants aud = its token URL, so a different configured audience is refused.
      Exception e = assertThrows(Exception.class, () -> run(client().token(registration, SCORE)));
      TokenException refused = assertInstanceOf(TokenException.class, e.getCause());
      assertEquals(401, refused.status());
    } finally {
      run(server.core().pool().preparedQuery("UPDATE platform_registration SET token_audience = NULL WHERE id = $1")
          .execute(Tuple.of(registration)));
    }
  }
}
