package uk.isafe.practice.scenario.model;

import java.util.List;
import java.util.Map;

/**
 * What the worker may say at a turn. {@code when} is null when always offered; reaction and feedback may be null.
 * {@code points} holds only authored competencies (never C6, which {@link Tags#miSpiritPoints} computes).
 */
public record Choice(String id, String text, List<String> tags, Map<String, Integer> points, List<Effect> effects,
    Condition when, String reaction, String feedback, String next) {

  public Choice {
    tags = List.copyOf(tags);
    points = ModelMaps.ordered(points);
    effects = List.copyOf(effects);
  }

  public int miSpiritPoints() {
    return Tags.miSpiritPoints(tags);
  }

  public boolean isInconsistent() {
    return Tags.hasInconsistent(tags);
  }

  public boolean isConsistent() {
    return Tags.hasConsistent(tags);
  }
}
