package uk.isafe.practice.lti.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.Role;

class SessionCacheTest {
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void cached_session_is_served_until_the_ttl_then_looked_up_again() {
    SessionCache cache = new SessionCache(Duration.ofSeconds(30), 100, clock);
    cache.put(new byte[] {1, 2}, context(now.plusSeconds(3600)));
    now = now.plusSeconds(29);
    assertTrue(cache.get(new byte[] {1, 2}).isPresent());
    now = now.plusSeconds(1);
    assertEquals(Optional.empty(), cache.get(new byte[] {1, 2}));
  }

  @Test
  void cached_session_is_never_served_past_its_own_expiry() {
    SessionCache cache = new SessionCache(Duration.ofSeconds(30), 100, clock);
    cache.put(new byte[] {3}, context(now.plusSeconds(5)));
    now = now.plusSeconds(5);
    assertEquals(Optional.empty(), cache.get(new byte[] {3}));
    cache.put(new byte[] {4}, context(now.minusSeconds(1)));
    assertEquals(Optional.empty(), cache.get(new byte[] {4}));
  }

  @Test
  void cache_stays_within_its_bound() {
    SessionCache cache = new SessionCache(Duration.ofSeconds(30), 50, clock);
    for (int i = 0; i < 500; i++) {
      cache.put(new byte[] {(byte) i, (byte) (i >> 8)}, context(now.plusSeconds(3600)));
    }
    assertTrue(cache.size() <= 50, "size " + cache.size());
    assertTrue(cache.get(new byte[] {(byte) 499, (byte) 1}).isPresent());
  }

  private static LaunchContext context(Instant expires) {
    return new LaunchContext(UUID.randomUUID(), 1, "https://lms", "client", "dep", 7, "ctx", "Course",
        Optional.of(3L), "link", "Link", Optional.of(9L), "sub", "Name", Role.LEARNER, List.of(), "en-GB", Map.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), "csrf", expires);
  }
}
