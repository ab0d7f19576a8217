package uk.isafe.practice.assessment.instrument;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A time of asking and what it asks, in order.
 *
 * <ul>
 *   <li>{@code pre}: the baseline, before any training; asks every scale.</li>
 *   <li>{@code post}: straight after the training; asks what can have changed by then, and may add the
 *       retrospective ("thinking back") confidence block.</li>
 *   <li>{@code follow-up}: {@code dueAfterDays} days after the learner's post wave; usually asks every scale again,
 *       so that practice and team culture have had time to change.</li>
 * </ul>
 *
 * @param scales       the scales asked, each with the items asked (all of the scale's items unless the wave says)
 * @param dueAfterDays follow-up only: days after the learner completed post that the wave opens
 * @param intro        the wave's own introduction, shown instead of the instrument's when present
 */
public record Wave(String id, List<WaveScale> scales, Optional<Retrospective> retrospective, OptionalInt dueAfterDays,
    Optional<String> intro) {
  public static final String PRE = "pre";
  public static final String POST = "post";
  public static final String FOLLOW_UP = "follow-up";
  /** The waves in the order a learner meets them. */
  public static final List<String> ORDER = List.of(PRE, POST, FOLLOW_UP);
  /** The follow-up's delay when an instrument does not say (eight weeks, as in ISAFE's evaluation). */
  public static final int DEFAULT_FOLLOW_UP_DAYS = 56;

  public Wave {
    scales = List.copyOf(scales);
  }

  /** A wave asking every item of each scale listed, with no delay or introduction of its own. */
  public Wave(String id, List<String> scaleIds, Optional<Retrospective> retrospective) {
    this(id, scaleIds.stream().map(s -> new WaveScale(s, List.of())).toList(), retrospective, OptionalInt.empty(),
        Optional.empty());
  }

  public List<String> scaleIds() {
    return scales.stream().map(WaveScale::scaleId).toList();
  }

  public boolean asks(String scaleId) {
    return scales.stream().anyMatch(s -> s.scaleId().equals(scaleId));
  }

  public Optional<WaveScale> scale(String scaleId) {
    return scales.stream().filter(s -> s.scaleId().equals(scaleId)).findFirst();
  }

  public boolean isFollowUp() {
    return FOLLOW_UP.equals(id);
  }

  /** Days after post that a follow-up opens: its own setting or the default. */
  public int followUpDays() {
    return dueAfterDays.orElse(DEFAULT_FOLLOW_UP_DAYS);
  }

  /**
   * A scale as a wave asks it.
   *
   * @param itemIds the items asked, in the scale's order; empty means every item of the scale
   */
  public record WaveScale(String scaleId, List<String> itemIds) {
    public WaveScale {
      itemIds = List.copyOf(itemIds);
    }

    public boolean allItems() {
      return itemIds.isEmpty();
    }
  }
}
