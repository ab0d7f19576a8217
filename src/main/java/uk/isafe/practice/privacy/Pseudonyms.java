package uk.isafe.practice.privacy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA-256) of LMS user ids with the deployment's own secret ({@code privacy_secret}, 32 random
 * bytes made on first use and never shown): the same person always gets the same pseudonym in this deployment, and
 * nobody without the secret can tell who it is, nor match pseudonyms across deployments.
 */
public final class Pseudonyms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] secret;

  private Pseudonyms(byte[] secret) {
    this.secret = secret;
  }

  /** The deployment's secret, made if there is none yet (concurrent first uses agree on one). */
  public static Future<Pseudonyms> load(SqlClient db) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    return db.preparedQuery("INSERT INTO privacy_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(Buffer.buffer(fresh)))
        .compose(v -> db.query("SELECT secret FROM privacy_secret WHERE id = 1").execute())
        .map(rows -> new Pseudonyms(rows.iterator().next().getBuffer("secret").getBytes()));
  }

  /**
   * The pseudonym of {@code subject} on the platform {@code issuer} for one {@code use} ({@code research},
   * {@code erasure}: different uses give unrelated pseudonyms): 32 hex digits (128 bits of the HMAC).
   */
  public String of(String use, String issuer, String subject) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal((use + "\n" + issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A random stand-in for an erased person's LMS user id, linked to nothing. */
  static String erased() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return "erased:" + HexFormat.of().formatHex(b);
  }
}
