package uk.isafe.practice.scenario.model;

/**
 * A character. {@code image} is null when none; when present it always has alt text. {@code pronouns} is "he",
 * "she" or "they" (the default): generic coaching text refers to the person the learner is speaking to with them.
 */
public record CastMember(String id, String name, String role, Image image, String pronouns) {
  public static final String DEFAULT_PRONOUNS = "they";

  public CastMember {
    pronouns = pronouns == null || pronouns.isBlank() ? DEFAULT_PRONOUNS : pronouns;
  }

  public CastMember(String id, String name, String role, Image image) {
    this(id, name, role, image, DEFAULT_PRONOUNS);
  }

  public record Image(String src, String alt) {
  }
}
