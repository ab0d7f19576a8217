package uk.isafe.practice.audit.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated item bank, one version. Text is kept by key ({@link #sourceText}: {@code item.m-seen.text},
 * {@code na.deceased}, {@code term.wales.cin_plan} ...) so that locale tables translate it key by key and
 * {@link #text} resolves it for a locale and a nation. {@code sha256} fingerprints the file: a version, once used by
 * a round, must never change. Immutable; pure Java.
 */
public record AuditBank(String id, int version, String sha256, List<String> locales, List<Choice> stages,
    List<Choice> manRoles, List<Choice> naReasons, List<Choice> judgements, int commentMaxLength,
    List<Section> sections, List<Indicator> indicators, Map<String, String> sourceText,
    Map<String, Map<String, String>> translations) {

  public static final String SOURCE_LOCALE = "en-GB";

  public AuditBank {
    locales = List.copyOf(locales);
    stages = List.copyOf(stages);
    manRoles = List.copyOf(manRoles);
    naReasons = List.copyOf(naReasons);
    judgements = List.copyOf(judgements);
    sections = List.copyOf(sections);
    indicators = List.copyOf(indicators);
    sourceText = Map.copyOf(sourceText);
    translations = Map.copyOf(translations);
  }

  /** Items asked once per man, in order. */
  public List<BankItem> manItems() {
    return items(Scope.MAN);
  }

  /** Items asked once per child, in order. */
  public List<BankItem> childItems() {
    return items(Scope.CHILD);
  }

  public List<BankItem> items(Scope scope) {
    List<BankItem> out = new ArrayList<>();
    sections.stream().filter(s -> s.scope() == scope).forEach(s -> out.addAll(s.items()));
    return out;
  }

  public List<BankItem> allItems() {
    List<BankItem> out = new ArrayList<>();
    sections.forEach(s -> out.addAll(s.items()));
    return out;
  }

  public Optional<BankItem> item(String itemId) {
    return allItems().stream().filter(i -> i.id().equals(itemId)).findFirst();
  }

  public Optional<Indicator> indicator(String indicatorId) {
    return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst();
  }

  public boolean hasStage(String stage) {
    return stages.stream().anyMatch(c -> c.id().equals(stage));
  }

  public boolean hasManRole(String role) {
    return manRoles.stream().anyMatch(c -> c.id().equals(role));
  }

  public boolean hasNaReason(String reason) {
    return naReasons.stream().anyMatch(c -> c.id().equals(reason));
  }

  public boolean hasJudgement(String judgement) {
    return judgements.stream().anyMatch(c -> c.id().equals(judgement));
  }

  /** The bank's words for a locale (falling back to the source locale) with the nation's terms filled in. */
  public BankText text(String locale, Nation nation) {
    Map<String, String> table = locale == null ? null : translations.get(locale);
    return new BankText(sourceText, table == null ? Map.of() : table, nation);
  }
}
