package uk.isafe.practice.grades;

import java.time.Duration;

/**
 * How the outbox worker delivers: how often it looks for due scores, how many it has in flight, how long a claim
 * lasts unless renewed (a live worker renews its claims every third of it; a dead one's are taken over when it runs
 * out), and the retry backoff (exponential with jitter).
 */
public record DeliverySettings(
    Duration pollInterval,
    int maxInFlight,
    Duration claimLease,
    Duration backoffBase,
    Duration backoffMax,
    Duration requestTimeout) {

  public static DeliverySettings defaults() {
    return new DeliverySettings(Duration.ofSeconds(1), 64, Duration.ofSeconds(8), Duration.ofSeconds(2),
        Duration.ofMinutes(30), Duration.ofSeconds(20));
  }

  /** The delay before attempt {@code attempts + 1}: base × 2^(attempts − 1), capped, with "equal jitter". */
  public Duration backoff(int attempts, double random) {
    long base = backoffBase.toMillis();
    long cap = backoffMax.toMillis();
    long exp = base << Math.min(Math.max(attempts - 1, 0), 30);
    long capped = exp <= 0 ? cap : Math.min(exp, cap);
    return Duration.ofMillis(capped / 2 + (long) (random * (capped / 2.0)));
  }
}
