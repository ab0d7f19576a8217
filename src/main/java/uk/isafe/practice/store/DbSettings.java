package uk.isafe.practice.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the database is: parsed from {@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db}) or provided by
 * the embedded server. {@link #toString()} never shows the password.
 */
public record DbSettings(String host, int port, String database, String user, String password, boolean ssl) {

  /** Parses a {@code DATABASE_URL}; an IllegalArgumentException says what is wrong with it. */
  public static DbSettings parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL (expected postgresql://user:pass@host:port/db)");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
      throw new IllegalArgumentException("must start with postgresql:// (expected postgresql://user:pass@host:port/db)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("must name a host (expected postgresql://user:pass@host:port/db)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isBlank()) {
      throw new IllegalArgumentException("must name a database after the host, e.g. postgresql://user:pass@host:5432/isafe");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    boolean ssl = uri.getQuery() != null && uri.getQuery().matches(".*sslmode=(require|verify-ca|verify-full).*");
    return new DbSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, user, password, ssl);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + (ssl ? "?sslmode=require" : "");
  }

  /** As a {@code DATABASE_URL} (with the password: never log this). */
  public String toUrl() {
    return "postgresql://" + enc(user) + ":" + enc(password) + "@" + host + ":" + port + "/" + database
        + (ssl ? "?sslmode=require" : "");
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public DbSettings withDatabase(String otherDatabase) {
    return new DbSettings(host, port, otherDatabase, user, password, ssl);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
