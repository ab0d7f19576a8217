package uk.isafe.practice.audit.sheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.audit.measure.Answer;
import uk.isafe.practice.audit.measure.ManRecord;

/**
 * One auditor's answers on one case: the men recorded (by position and role), an answer per item per man
 * ({@code man 1, 2, ...}) and per child ({@link #CHILD} = 0), the overall judgement and the optional comment.
 */
public record AnswerSheet(Map<Integer, String> men, Map<Key, Given> answers, Optional<String> judgement) {
  public static final int CHILD = 0;

  /** Where an answer belongs: a man's position (0 for the child) and an item. */
  public record Key(int man, String itemId) {
    @Override
    public String toString() {
      return man + ":" + itemId;
    }
  }

  /** An answer, with its N/A reason when it is N/A. */
  public record Given(Answer answer, Optional<String> naReason) {
    public static Given of(Answer a) {
      return new Given(a, Optional.empty());
    }

    public static Given na(String reason) {
      return new Given(Answer.NA, Optional.of(reason));
    }
  }

  public AnswerSheet {
    men = Map.copyOf(men);
    answers = Map.copyOf(answers);
  }

  public Optional<Given> get(int man, String itemId) {
    return Optional.ofNullable(answers.get(new Key(man, itemId)));
  }

  /** Each man's per-man answers, in position order, for indicator arithmetic. */
  public List<ManRecord> menRecords() {
    List<ManRecord> out = new ArrayList<>();
    men.keySet().stream().sorted().forEach(m -> {
      Map<String, Answer> a = new LinkedHashMap<>();
      answers.forEach((k, v) -> {
        if (k.man() == m) {
          a.put(k.itemId(), v.answer());
        }
      });
      out.add(new ManRecord(men.get(m), a));
    });
    return out;
  }

  /** A copy with some answers replaced (a moderator's agreed values). */
  public AnswerSheet with(Map<Key, Given> replaced) {
    Map<Key, Given> all = new LinkedHashMap<>(answers);
    all.putAll(replaced);
    return new AnswerSheet(men, all, judgement);
  }
}
