package uk.isafe.practice.audit.bank;

import java.util.List;

/** A titled group of items, asked per man or per child. */
public record Section(String id, Scope scope, String title, List<BankItem> items) {
  public Section {
    items = List.copyOf(items);
  }
}
