package uk.isafe.practice.web;

import java.net.URI;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The origins of the registered platforms: the only pages allowed to frame the tool ({@code frame-ancestors}) and to
 * receive its form posts (deep linking responses). Updated by the lti package whenever registrations change.
 */
public final class PlatformOrigins {
  private volatile String sources = "";

  /** Replaces the set with the origins of {@code urls} (any URL of a platform: issuer, login URL...). */
  public void replace(Collection<String> urls) {
    Set<String> origins = new TreeSet<>();
    for (String u : urls) {
      String o = originOf(u);
      if (o != null) {
        origins.add(o);
      }
    }
    sources = String.join(" ", origins);
  }

  /** Space-separated origins for a CSP directive; empty when no platform is registered. */
  public String sources() {
    return sources;
  }

  /** The origin ({@code scheme://host[:port]}) of an http(s) URL, or null. */
  public static String originOfUrl(String url) {
    return url == null ? null : originOf(url);
  }

  static String originOf(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase();
      if (!scheme.equals("https") && !scheme.equals("http")) {
        return null;
      }
      return scheme + "://" + u.getHost().toLowerCase() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
