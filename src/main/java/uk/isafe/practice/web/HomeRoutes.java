package uk.isafe.practice.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The home page: what the tool is, and the URLs an LMS administrator needs to register it, filled in for this
 * server's {@code PUBLIC_URL}.
 */
public final class HomeRoutes implements Feature {
  private final Pages pages;
  private final String publicUrl;

  public HomeRoutes(Pages pages, String publicUrl) {
    this.pages = pages;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @Override
  public void mount(Router router) {
    router.get("/").handler(this::home);
  }

  /** The URLs to paste into the LMS, in the order Moodle's form asks for them; label keys from the core bundle. */
  public List<Map.Entry<String, String>> toolUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("home.url.toolUrl", publicUrl + "/lti/launch");
    urls.put("home.url.loginUrl", publicUrl + "/lti/login");
    urls.put("home.url.redirectUri", publicUrl + "/lti/launch");
    urls.put("home.url.jwks", publicUrl + "/.well-known/jwks.json");
    return List.copyOf(urls.entrySet());
  }

  private Future<Void> home(RoutingContext ctx) {
    return pages.render(ctx, "home", Map.of("urls", toolUrls(), "publicUrl", publicUrl));
  }
}
