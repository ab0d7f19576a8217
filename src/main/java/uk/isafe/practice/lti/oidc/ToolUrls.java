package uk.isafe.practice.lti.oidc;

import java.net.URI;
import java.util.Locale;
import uk.isafe.practice.core.AppConfig;

/** This tool's own URLs: the fixed redirect URI, and whether a target_link_uri points at us. */
public final class ToolUrls {
  private final AppConfig config;
  private final String origin;

  public ToolUrls(AppConfig config) {
    this.config = config;
    this.origin = originOf(config.publicUrl().toString());
  }

  /** Always {@code PUBLIC_URL + /lti/launch}: Moodle accepts only the registered redirect URI, exactly. */
  public String redirectUri() {
    return config.url("/lti/launch");
  }

  public String url(String path) {
    return config.url(path);
  }

  /** Whether {@code uri} is an absolute URL on this tool's public origin (and under its path, if it has one). */
  public boolean isOurs(String uri) {
    String o = originOf(uri);
    if (o == null || !o.equals(origin)) {
      return false;
    }
    String basePath = config.publicUrl().getPath();
    if (basePath == null || basePath.isEmpty() || basePath.equals("/")) {
      return true;
    }
    String path = URI.create(uri.trim()).getPath();
    String prefix = basePath.endsWith("/") ? basePath : basePath + "/";
    return path != null && (path.equals(basePath) || path.startsWith(prefix));
  }

  static String originOf(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getScheme() == null || u.getHost() == null || u.getUserInfo() != null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      if (port == -1) {
        port = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      }
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
