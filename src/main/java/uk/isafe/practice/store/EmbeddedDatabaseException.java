package uk.isafe.practice.store;

/** The embedded database could not be started or stopped; the message says why in one line. */
public final class EmbeddedDatabaseException extends RuntimeException {
  public EmbeddedDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
