package uk.isafe.practice.lti.keys;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** SQL for {@code tool_key}. Private keys are stored as PKCS#8 and never logged. */
public final class ToolKeyRepository {
  /** A stored key with its status. */
  public record StoredKey(SigningKeys.SigningKey key, String status) {
  }

  private static final String PUBLISHED = """
      SELECT kid, status, private_key, public_key FROM tool_key
       WHERE status IN ('current', 'next') OR retired_at > now() - make_interval(secs => $1)
       ORDER BY CASE status WHEN 'current' THEN 0 WHEN 'next' THEN 1 ELSE 2 END, created_at DESC""";
  private static final String INSERT = """
      INSERT INTO tool_key (kid, status, private_key, public_key) VALUES ($1, $2, $3, $4)
      ON CONFLICT DO NOTHING""";
  private static final String RETIRE_CURRENT =
      "UPDATE tool_key SET status = 'retired', retired_at = now() WHERE status = 'current'";
  private static final String PROMOTE_NEXT = "UPDATE tool_key SET status = 'current' WHERE status = 'next'";
  private static final String DELETE_OLD =
      "DELETE FROM tool_key WHERE status = 'retired' AND retired_at < now() - make_interval(secs => $1)";

  /** Current, next and recently retired keys (current first). */
  public Future<List<StoredKey>> published(SqlClient db, Duration overlap) {
    return db.preparedQuery(PUBLISHED).execute(Tuple.of((double) overlap.toSeconds())).map(rows -> {
      List<StoredKey> out = new ArrayList<>();
      rows.forEach(r -> out.add(new StoredKey(map(r), r.getString("status"))));
      return out;
    });
  }

  /** Inserts a new key with {@code status} unless one with that status exists (another instance won the race). */
  public Future<Void> insert(SqlClient db, SigningKeys.SigningKey key, String status) {
    return db.preparedQuery(INSERT).execute(Tuple.of(key.kid(), status,
        Buffer.buffer(key.privateKey().getEncoded()), Buffer.buffer(key.publicKey().getEncoded())))
        .recover(err -> err.getMessage() != null && err.getMessage().contains("tool_key_one_current")
            ? Future.succeededFuture() : Future.failedFuture(err))
        .mapEmpty();
  }

  /** Promotes next → current, retires the old current, makes a new next, drops keys retired before the overlap. */
  public Future<SigningKeys.SigningKey> rotate(SqlClient tx, Duration overlap) {
    SigningKeys.SigningKey fresh = generate();
    return tx.query(RETIRE_CURRENT).execute()
        .compose(v -> tx.query(PROMOTE_NEXT).execute())
        .compose(v -> tx.preparedQuery(DELETE_OLD).execute(Tuple.of((double) overlap.toSeconds())))
        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(fresh.kid(), "next",
            Buffer.buffer(fresh.privateKey().getEncoded()), Buffer.buffer(fresh.publicKey().getEncoded()))))
        .map(fresh);
  }

  /** A new RSA 2048 key pair from the platform's default SecureRandom, with its thumbprint as kid. CPU-heavy. */
  public static SigningKeys.SigningKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
      return new SigningKeys.SigningKey(Jwk.thumbprint(pub), (RSAPrivateKey) pair.getPrivate(), pub);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SigningKeys.SigningKey map(Row r) {
    try {
      KeyFactory f = KeyFactory.getInstance("RSA");
      RSAPrivateKey priv = (RSAPrivateKey) f.generatePrivate(
          new PKCS8EncodedKeySpec(r.getBuffer("private_key").getBytes()));
      RSAPublicKey pub = (RSAPublicKey) f.generatePublic(new X509EncodedKeySpec(r.getBuffer("public_key").getBytes()));
      return new SigningKeys.SigningKey(r.getString("kid"), priv, pub);
    } catch (Exception e) {
      throw new IllegalStateException("tool key " + r.getString("kid") + " cannot be read", e);
    }
  }
}
