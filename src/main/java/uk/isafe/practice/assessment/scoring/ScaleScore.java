package uk.isafe.practice.assessment.scoring;

import java.util.OptionalDouble;

/**
 * One scale's score in one response.
 *
 * @param mean          mean of the answered items after reverse scoring; empty when incomplete
 * @param answered      items answered (with a valid point)
 * @param total         items in the scale
 * @param retrospective true for the post-wave "thinking back" block, never to be mixed with the true pre score
 */
public record ScaleScore(String scaleId, OptionalDouble mean, int answered, int total, boolean retrospective) {

  public boolean complete() {
    return mean.isPresent();
  }

  public String status() {
    return complete() ? "complete" : "incomplete";
  }
}
