package uk.isafe.practice.audit.web;

import java.util.List;
import java.util.Optional;
import uk.isafe.practice.core.activity.ActivityType;
import uk.isafe.practice.core.activity.CatalogueEntry;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.web.Messages;

/**
 * {@code activity=audit}: the father-inclusion case-file audit, a tool for staff. Everyone who opens the link lands on
 * the audit's home page, which shows what their audit roles allow; it sends nothing to the LMS gradebook.
 */
record AuditActivity(Messages.Catalog m) implements ActivityType {
  @Override
  public String prefix() {
    return "audit";
  }

  @Override
  public Optional<String> startPath(String argument) {
    return argument.isEmpty() ? Optional.of("/audit") : Optional.empty();
  }

  @Override
  public List<CatalogueEntry> catalogue() {
    return List.of(new CatalogueEntry("audit", prefix(), m.get("audit.catalogue.title"),
        m.get("audit.catalogue.description"), 0, List.of()));
  }

  @Override
  public List<GradeKind> gradeKinds() {
    return List.of();
  }

  @Override
  public boolean trainersStartHere() {
    return true;
  }
}
