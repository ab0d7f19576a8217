package uk.isafe.practice.lti.keys;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWS;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One RSA key from a platform's key set, read and used by vertx-auth-jwt's JOSE layer ({@link JWK}, {@link JWS}).
 * A key that declares its algorithm verifies only that one; a key that declares none verifies any of RS256, RS384
 * and RS512 (the launch refuses every other algorithm before a key is looked up). Reading a key is CPU work: build
 * these off the event loop ({@link PlatformKeySets} does, when a key set is fetched). Verifying is cheap.
 */
public final class PlatformKey {
  /** The algorithms a launch accepts: RSA with SHA-2, never none, HS* or anything that does not fit an RSA key. */
  public static final Set<String> RSA_ALGORITHMS = Set.of("RS256", "RS384", "RS512");

  private final Optional<String> alg;
  private final Map<String, JWS> verifiers;

  private PlatformKey(Optional<String> alg, Map<String, JWS> verifiers) {
    this.alg = alg;
    this.verifiers = verifiers;
  }

  /** Reads an RSA public key from its JWK; throws IllegalArgumentException when it is not one. */
  public static PlatformKey read(JsonObject jwk) {
    if (!"RSA".equals(jwk.getString("kty"))) {
      throw new IllegalArgumentException("not an RSA key");
    }
    Optional<String> declared = Optional.ofNullable(jwk.getString("alg"));
    Map<String, JWS> verifiers = new HashMap<>();
    try {
      for (String a : declared.map(Set::of).orElse(RSA_ALGORITHMS)) {
        if (RSA_ALGORITHMS.contains(a)) {
          JsonObject publicOnly = new JsonObject().put("kty", "RSA").put("alg", a)
              .put("n", jwk.getValue("n")).put("e", jwk.getValue("e"));
          verifiers.put(a, new JWS(new JWK(publicOnly)));
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad RSA JWK: " + e.getMessage(), e);
    }
    return new PlatformKey(declared, Map.copyOf(verifiers));
  }

  /** The algorithm the key declares, if any. */
  public Optional<String> alg() {
    return alg;
  }

  /** True when {@code signature} is this key's {@code alg} signature over {@code signingInput}. */
  public boolean verifies(String alg, byte[] signature, byte[] signingInput) {
    JWS jws = verifiers.get(alg);
    if (jws == null) {
      return false;
    }
    try {
      return jws.verify(signature, signingInput);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
