package uk.isafe.practice.grades;

import io.vertx.core.Future;
import java.util.Objects;
import uk.isafe.practice.lti.keys.SigningKeys;

/**
 * What the delivery worker of one server uses, set during wiring (before features start): its
 * {@link DeliverySettings} and the tool's {@link SigningKeys}. Until the LTI feature provides signing keys, token
 * requests fail and scores stay queued (retried with backoff): nothing is lost.
 */
public final class DeliveryConfig {
  private volatile DeliverySettings settings = DeliverySettings.defaults();
  private volatile SigningKeys signingKeys = () -> Future.failedFuture(
      new IllegalStateException("no tool signing key is available yet"));

  public DeliverySettings settings() {
    return settings;
  }

  public DeliveryConfig settings(DeliverySettings s) {
    this.settings = Objects.requireNonNull(s);
    return this;
  }

  public SigningKeys signingKeys() {
    return signingKeys;
  }

  public DeliveryConfig signingKeys(SigningKeys keys) {
    this.signingKeys = Objects.requireNonNull(keys);
    return this;
  }
}
