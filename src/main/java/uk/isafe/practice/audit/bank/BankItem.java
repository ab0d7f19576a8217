package uk.isafe.practice.audit.bank;

import java.util.List;
import java.util.Optional;

/**
 * One question. {@code yesMeans} says what must be on the file for Yes; {@code partlyMeans}, when given, what counts
 * as Partly. {@code naReasons} are the N/A reason codes allowed for this item (empty: N/A is not allowed).
 */
public record BankItem(String id, Scope scope, String sectionId, String text, String yesMeans,
    Optional<String> partlyMeans, List<String> naReasons) {

  public BankItem {
    naReasons = List.copyOf(naReasons);
  }

  public boolean allowsNa(String reason) {
    return naReasons.contains(reason);
  }
}
