package uk.isafe.practice.assessment.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A validated self-assessment questionnaire: scales of items, asked in waves. Immutable. */
public record Instrument(String id, int version, String title, String intro, List<Scale> scales, List<Wave> waves) {

  public Instrument {
    scales = List.copyOf(scales);
    waves = List.copyOf(waves);
  }

  public Optional<Scale> scale(String scaleId) {
    return scales.stream().filter(s -> s.id().equals(scaleId)).findFirst();
  }

  public Optional<Wave> wave(String waveId) {
    return waves.stream().filter(w -> w.id().equals(waveId)).findFirst();
  }

  /** The confidence scale, whose mean goes to the LMS gradebook. */
  public Optional<Scale> confidenceScale() {
    return scales.stream().filter(Scale::isConfidence).findFirst();
  }

  /** A scale as {@code wave} asks it (only the wave's items), or empty when the wave does not ask it. */
  public Optional<Scale> asked(Wave wave, String scaleId) {
    return wave.scale(scaleId).flatMap(ws -> scale(scaleId).map(s -> ws.allItems() ? s : s.restrictedTo(ws.itemIds())));
  }

  /** The retrospective block's scale as asked: the same items as the wave asks of that scale. */
  public Optional<Scale> retrospectiveScale(Wave wave) {
    return wave.retrospective().flatMap(r -> asked(wave, r.scaleId()).or(() -> scale(r.scaleId())));
  }

  /** The introduction shown at the start of {@code wave}: its own, or the instrument's. */
  public String intro(Wave wave) {
    return wave.intro().orElse(intro);
  }

  /** The pages of a wave, in order: one per scale, then the retrospective block (post only). */
  public List<Section> sections(Wave wave) {
    List<Section> out = new ArrayList<>();
    for (String scaleId : wave.scaleIds()) {
      out.add(new Section(scaleId, asked(wave, scaleId).orElseThrow(), false, null));
    }
    wave.retrospective().ifPresent(r -> out.add(new Section(Section.RETROSPECTIVE_PREFIX + r.scaleId(),
        retrospectiveScale(wave).orElseThrow(), true, r)));
    return out;
  }

  /**
   * One page of a wave.
   *
   * @param id            the scale id, or {@code retrospective-<scale id>} for the retrospective block
   * @param retrospective the block's wording when this section is the retrospective block
   */
  public record Section(String id, Scale scale, boolean isRetrospective, Retrospective retrospective) {
    public static final String RETROSPECTIVE_PREFIX = "retrospective-";
  }
}
