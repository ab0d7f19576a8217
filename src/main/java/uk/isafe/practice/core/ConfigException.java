package uk.isafe.practice.core;

/** A setting is missing or wrong. The message names the setting and what is wrong, in one line. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String setting, String problem) {
    super(setting + ": " + problem);
  }
}
