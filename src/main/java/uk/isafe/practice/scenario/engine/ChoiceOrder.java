package uk.isafe.practice.scenario.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The order options are shown in: a Fisher–Yates shuffle driven by the attempt's seed, the node and the step
 * number, so the best option is never findable by its position, while every view of the same attempt (the player
 * on reload or resume, the transcript, the trainer's replay) shows the same order.
 */
public final class ChoiceOrder {
  private ChoiceOrder() {
  }

  /** The seed of a recorded attempt: its id, which is random and stored with it. */
  public static long seed(UUID attemptId) {
    return attemptId.getMostSignificantBits() ^ Long.rotateLeft(attemptId.getLeastSignificantBits(), 17);
  }

  public static <T> List<T> shuffle(List<T> items, long seed, String nodeId, int step) {
    List<T> out = new ArrayList<>(items);
    long mixed = seed ^ (31L * nodeId.hashCode() + step) * 0x9E3779B97F4A7C15L;
    SplittableRandom random = new SplittableRandom(mixed);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }
}
