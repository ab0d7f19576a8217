package uk.isafe.practice.assessment.instrument;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of items measuring one construct, answered on whole points {@code min..max}.
 *
 * @param construct what it measures: confidence, competence, effectiveness, frequency, organisation or casework
 * @param question  the shared stem shown above the items ("How confident do you feel…")
 * @param anchors   labels by point; every point or at least both ends
 */
public record Scale(String id, String construct, String title, String question, int min, int max,
    Map<Integer, String> anchors, List<Item> items) {

  public static final String CONFIDENCE = "confidence";

  public Scale {
    anchors = Map.copyOf(anchors);
    items = List.copyOf(items);
  }

  public boolean isConfidence() {
    return CONFIDENCE.equals(construct);
  }

  public Optional<String> anchor(int point) {
    return Optional.ofNullable(anchors.get(point));
  }

  /** The points in order, for radios. */
  public List<Integer> points() {
    return java.util.stream.IntStream.rangeClosed(min, max).boxed().toList();
  }

  public boolean accepts(int value) {
    return value >= min && value <= max;
  }

  public List<String> itemIds() {
    return items.stream().map(Item::id).toList();
  }

  /** This scale with only the items whose ids are in {@code keep}, in this scale's order. */
  public Scale restrictedTo(java.util.Collection<String> keep) {
    return new Scale(id, construct, title, question, min, max, anchors,
        items.stream().filter(i -> keep.contains(i.id())).toList());
  }

  /** True when the two scales are answered on the same points (so the same item can be compared). */
  public boolean samePoints(Scale other) {
    return min == other.min && max == other.max;
  }
}
