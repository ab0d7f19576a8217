package uk.isafe.practice.lti.nrps;

import java.time.Instant;
import java.util.Optional;

/**
 * What the gradebook says about a course's list: whether the platform offers it at all (the launch carried a
 * membership service), when it was last read and how many it held, and the reason code of the last failure, if the
 * last attempt failed.
 */
public record RosterStatus(boolean available, Optional<Instant> syncedAt, int members, Optional<String> problem) {
  public static RosterStatus unavailable() {
    return new RosterStatus(false, Optional.empty(), 0, Optional.empty());
  }
}
