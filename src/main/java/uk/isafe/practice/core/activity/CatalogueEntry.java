package uk.isafe.practice.core.activity;

import java.util.List;

/**
 * One activity a trainer can add to a course: the value of the {@code activity} custom parameter, its title, a short
 * description, an estimated length in minutes (0 when unknown) and the competencies it practises.
 */
public record CatalogueEntry(String activity, String prefix, String title, String description, int minutes,
    List<String> competencies) {

  public CatalogueEntry {
    competencies = List.copyOf(competencies);
    description = description == null ? "" : description;
  }
}
