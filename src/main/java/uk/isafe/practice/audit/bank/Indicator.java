package uk.isafe.practice.audit.bank;

import java.util.List;

/**
 * A headline indicator: the percentage of eligible men for whom every applicable item of {@code items} meets
 * {@code metWhen}. A man for whom all the items are N/A is not eligible.
 */
public record Indicator(String id, String title, String description, List<String> items, MetWhen metWhen) {
  public Indicator {
    items = List.copyOf(items);
  }

  /** The rule that decides whether a man counts towards the indicator. */
  public enum MetWhen {
    ALL_YES, ALL_YES_OR_PARTLY;

    public static MetWhen of(String yaml) {
      return "all-yes-or-partly".equals(yaml) ? ALL_YES_OR_PARTLY : ALL_YES;
    }
  }
}
