package uk.isafe.practice.lti.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A platform's JWK read by the JWT library: which algorithms it verifies, and what is refused. */
class PlatformKeyTest {
  private static final byte[] INPUT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0".getBytes(StandardCharsets.US_ASCII);
  private static KeyPair pair;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
  }

  private static JsonObject jwk() {
    return Jwk.publicJwk("k1", (RSAPublicKey) pair.getPublic()).copy();
  }

  private static byte[] sign(String jca, byte[] input) throws Exception {
    Signature s = Signature.getInstance(jca);
    s.initSign(pair.getPrivate());
    s.update(input);
    return s.sign();
  }

  @Test
  void a_key_declaring_rs256_verifies_rs256_only() throws Exception {
    PlatformKey key = PlatformKey.read(jwk());
    assertEquals(Optional.of("RS256"), key.alg());
    assertTrue(key.verifies("RS256", sign("SHA256withRSA", INPUT), INPUT));
    assertFalse(key.verifies("RS384", sign("SHA384withRSA", INPUT), INPUT));
  }

  @Test
  void a_key_declaring_no_algorithm_verifies_each_rsa_sha2_algorithm() throws Exception {
    JsonObject jwk = jwk();
    jwk.remove("alg");
    PlatformKey key = PlatformKey.read(jwk);
    assertEquals(Optional.empty(), key.alg());
    assertTrue(key.verifies("RS256", sign("SHA256withRSA", INPUT), INPUT));
    assertTrue(key.verifies("RS384", sign("SHA384withRSA", INPUT), INPUT));
    assertTrue(key.verifies("RS512", sign("SHA512withRSA", INPUT), INPUT));
    assertFalse(key.verifies("HS256", sign("SHA256withRSA", INPUT), INPUT));
  }

  @Test
  void a_wrong_or_empty_signature_or_altered_input_does_not_verify() throws Exception {
    PlatformKey key = PlatformKey.read(jwk());
    byte[] good = sign("SHA256withRSA", INPUT);
    byte[] altered = INPUT.clone();
    altered[5] ^= 1;
    assertFalse(key.verifies("RS256", good, altered));
    assertFalse(key.verifies("RS256", new byte[0], INPUT));
    assertFalse(key.verifies("RS256", new byte[256], INPUT));
  }

  @Test
  void keys_that_are_not_rsa_public_keys_are_refused() {
    assertThrows(IllegalArgumentException.class, () -> PlatformKey.read(jwk().put("kty", "EC")));
    assertThrows(IllegalArgumentException.class, () -> PlatformKey.read(jwk().put("n", "!!not-base64")));
  }
}
