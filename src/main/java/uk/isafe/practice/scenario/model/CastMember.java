package uk.isafe.practice.scenario.model;

/** A character. {@code image} is null when none; when present it always has alt text. */
public record CastMember(String id, String name, String role, Image image) {
  public record Image(String src, String alt) {
  }
}
