package uk.isafe.practice.scenario.validate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.isafe.practice.scenario.model.Choice;
import uk.isafe.practice.scenario.model.Node;
import uk.isafe.practice.scenario.model.NodeKind;

/**
 * Honest MI tags, where text can show it: an {@code OQ} must ask at least one open question (not only questions
 * opening "Is/Are/Do/Does/Did/Has/Have/Can/Could/Would/Will…"); a request for permission to give information must
 * end the choice, so the other person answers before the information comes.
 */
final class MiTagCheck {
  static final Set<String> CLOSED_STEMS = Set.of("is", "are", "am", "was", "were", "do", "does", "did", "has",
      "have", "had", "can", "could", "would", "will", "shall", "should", "may", "might", "must", "isn’t", "aren’t",
      "don’t", "doesn’t", "didn’t", "won’t", "wouldn’t", "couldn’t", "haven’t", "hasn’t", "isn't", "aren't",
      "don't", "doesn't", "didn't", "won't", "wouldn't", "couldn't", "haven't", "hasn't");
  private static final Pattern QUESTION = Pattern.compile("[^.?!:;]*\\?");
  private static final Pattern FIRST_WORD = Pattern.compile("[\\p{L}’']+");
  static final Pattern PERMISSION_TO_INFORM = Pattern.compile("(?i)\\b(?:(?:can|could|may) I (?:just )?(?:tell|share"
      + "|give|suggest|explain|say|offer|mention|run through)|would it help if I (?:told|explained|said|shared|gave"
      + "|suggested|went through)|would you like (?:me to (?:tell|explain|share|suggest)|to hear)|is it (?:ok|okay"
      + "|all right|alright) if I (?:tell|share|explain|say|suggest)|do you mind if I (?:tell|share|explain|say"
      + "|suggest))\\b[^?]*\\?");

  private MiTagCheck() {
  }

  static void check(Findings f) {
    for (Node n : f.scenario.nodes().values()) {
      if (n.kind() != NodeKind.TURN) {
        continue;
      }
      List<Choice> choices = n.choices();
      for (int i = 0; i < choices.size(); i++) {
        Choice c = choices.get(i);
        if (c.tags().contains("OQ") && onlyClosedQuestions(c.text())) {
          f.choice(Severity.ERROR, n.id(), i, "/tags", "tagged OQ, but every question in it is closed (opens with"
              + " a word like Is, Do, Have, Can, Would): tag it CQ, or ask an open question (What, How, Tell me…)");
        }
        Matcher m = PERMISSION_TO_INFORM.matcher(c.text());
        if (m.find() && !c.text().substring(m.end()).isBlank()) {
          f.choice(Severity.ERROR, n.id(), i, "/text", "asks permission to give information, then gives it"
              + " without waiting: end the choice with the question, and let the information follow the answer"
              + " (in the reaction or the next turn)");
        }
      }
    }
  }

  /** True when the text asks at least one question and every question opens with a closed stem. */
  static boolean onlyClosedQuestions(String text) {
    Matcher q = QUESTION.matcher(text);
    boolean any = false;
    while (q.find()) {
      any = true;
      Matcher w = FIRST_WORD.matcher(q.group());
      if (w.find() && !CLOSED_STEMS.contains(w.group().toLowerCase(Locale.UK))) {
        return false;
      }
    }
    return any;
  }
}
