package uk.isafe.practice.assessment.instrument;

import java.util.List;
import java.util.Optional;

/** A time of asking (pre or post) and the scales it asks, in order; post may add a retrospective block. */
public record Wave(String id, List<String> scaleIds, Optional<Retrospective> retrospective) {
  public static final String PRE = "pre";
  public static final String POST = "post";

  public Wave {
    scaleIds = List.copyOf(scaleIds);
  }
}
