package uk.isafe.practice.store;

/** A command-line tool found no existing database where the settings point; the message says what to do. */
public final class NoDatabaseException extends RuntimeException {
  public NoDatabaseException(String message) {
    super(message, null, false, false);
  }
}
