package uk.isafe.practice.scenario.validate;

import java.util.Locale;
import uk.isafe.practice.scenario.engine.Balance;
import uk.isafe.practice.scenario.engine.LoadedScenario;

/**
 * Not gameable, and scores that mean something: the best path scores 100; the top-scored option is the longest in
 * at most 40% of turns (warning); neither "always the first option as written" nor "always the longest option"
 * reaches a best ending (error). Options are also shuffled per attempt, so position is a second line of defence.
 */
final class BalanceCheck {
  static final double LONGEST_SHARE_LIMIT = 0.40;

  private BalanceCheck() {
  }

  static Balance check(Findings f, LoadedScenario loaded) {
    Balance b = Balance.measure(loaded);
    if (b.bestOutcome() != null && b.best() < 99.95) {
      f.error("/nodes", "the best path scores " + b.best() + ", not 100: the maxima are not reachable");
    }
    if (b.longestShare() > LONGEST_SHARE_LIMIT) {
      f.at(Severity.WARNING, "/nodes", null, null, String.format(Locale.UK,
          "the top-scored option is also the longest in %d of %d turns (%.0f%%, limit 40%%): learners can find it"
              + " by length; shorten it or lengthen a tempting distractor", b.longestIsTop(), b.turns(),
          b.longestShare() * 100));
    }
    if (b.reachesBest(b.longest())) {
      f.error("/nodes", "always choosing the longest option reaches a best ending ('" + b.longest().endingId()
          + "', " + b.longest().outcome() + ", " + b.longest().overall() + "): the best answer is findable by length");
    }
    if (b.reachesBest(b.first())) {
      f.error("/nodes", "always choosing the first option as written reaches a best ending ('"
          + b.first().endingId() + "', " + b.first().outcome() + ", " + b.first().overall()
          + "): vary where the best option is written");
    }
    return b;
  }
}
