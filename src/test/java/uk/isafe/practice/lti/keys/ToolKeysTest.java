package uk.isafe.practice.lti.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.store.DbSettings;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;

/** Tool keys: generated once, published as JWKS with RFC 7638 kids, rotated from the command line. */
class ToolKeysTest {

  /** Reads a published key as any relying party would: with the JWT library. */
  private static RSAPublicKey rsa(JsonObject jwk) {
    return (RSAPublicKey) new JWK(jwk).publicKey();
  }

  @Test
  void thumbprint_matches_the_rfc_7638_example() {
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("e", "AQAB").put("n",
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknj"
        + "hMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6"
        + "qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8"
        + "awapJzKnqDKgw");
    assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Jwk.thumbprint(rsa(jwk)));
  }

  @Test
  void jwks_publishes_current_and_next_rsa_keys_without_private_parts() throws Exception {
    try (TestServer server = TestServer.start()) {
      var r = server.http().get("/.well-known/jwks.json");
      assertEquals(200, r.statusCode());
      JsonArray keys = new JsonObject(r.body()).getJsonArray("keys");
      assertEquals(2, keys.size());
      for (Object o : keys) {
        JsonObject k = (JsonObject) o;
        assertEquals("RSA", k.getString("kty"));
        assertEquals("RS256", k.getString("alg"));
        assertFalse(k.containsKey("d") || k.containsKey("p"), "no private parts");
        assertEquals(k.getString("kid"), Jwk.thumbprint(rsa(k)));
      }
      SigningKeys.SigningKey current = new ToolKeys(server.vertx(), server.core().pool(), server.core().clock())
          .current().await(10, TimeUnit.SECONDS);
      assertEquals(keys.getJsonObject(0).getString("kid"), current.kid());
      assertEquals(2048, current.publicKey().getModulus().bitLength());
      assertFalse(current.toString().contains(current.privateKey().getModulus().toString()));
    }
  }

  @Test
  void keys_rotate_promotes_next_and_keeps_the_old_key_published() throws Exception {
    DbSettings db = TestDatabase.fresh();
    AppConfig config = AppConfig.load(Map.of("DATABASE_URL", db.toUrl()), Optional.empty());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    KeysCommand cmd = new KeysCommand(new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(0, cmd.run(List.of("list"), config));
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("No keys yet"));
    assertEquals(0, cmd.run(List.of("rotate"), config), "rotate on an empty database makes keys first");
    buf.reset();
    assertEquals(0, cmd.run(List.of("list"), config));
    String before = buf.toString(StandardCharsets.UTF_8);
    String oldCurrent = line(before, "current");
    String oldNext = line(before, "next");
    buf.reset();
    assertEquals(0, cmd.run(List.of("rotate"), config));
    buf.reset();
    assertEquals(0, cmd.run(List.of("list"), config));
    String after = buf.toString(StandardCharsets.UTF_8);
    assertEquals(oldNext, line(after, "current"));
    assertEquals(oldCurrent, line(after, "retired"));
    assertFalse(line(after, "next").equals(oldNext));
    assertEquals(2, cmd.run(List.of(), config));
  }

  private static String line(String out, String status) {
    return out.lines().filter(l -> l.startsWith(status + " ")).map(l -> l.substring(status.length() + 1))
        .findFirst().orElseThrow(() -> new AssertionError("no " + status + " key in: " + out));
  }

}
