package uk.isafe.practice.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The home page for LMS administrators: the registration URL to paste first (Dynamic Registration), the manual values
 * as the fallback, filled in for this server's {@code PUBLIC_URL}, whether the address is fit for production (HTTPS),
 * and the activities this server offers, as the wiring lists them.
 */
public final class HomeRoutes implements Feature {
  /** One activity on this server, for the table: its {@code activity} value, title and length in minutes. */
  public record ActivityRow(String activity, String title, int minutes) {
  }

  private final Pages pages;
  private final String publicUrl;
  private final Supplier<List<ActivityRow>> activities;

  public HomeRoutes(Pages pages, String publicUrl, Supplier<List<ActivityRow>> activities) {
    this.pages = pages;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.activities = activities;
  }

  @Override
  public void mount(Router router) {
    router.get("/").handler(this::home);
  }

  /** The URL an administrator pastes into the LMS (Moodle: Manage tools › Tool URL › Add LTI Advantage). */
  public String registrationUrl() {
    return publicUrl + "/lti/register";
  }

  /** The URLs to paste into the LMS, in the order Moodle's form asks for them; label keys from the core bundle. */
  public List<Map.Entry<String, String>> toolUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("home.url.toolUrl", publicUrl + "/lti/launch");
    urls.put("home.url.loginUrl", publicUrl + "/lti/login");
    urls.put("home.url.redirectUri", publicUrl + "/lti/launch");
    urls.put("home.url.jwks", publicUrl + "/.well-known/jwks.json");
    urls.put("home.url.deepLinking", publicUrl + "/lti/launch");
    return List.copyOf(urls.entrySet());
  }

  private Future<Void> home(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("registrationUrl", registrationUrl());
    model.put("urls", toolUrls());
    model.put("publicUrl", publicUrl);
    model.put("https", publicUrl.startsWith("https://"));
    model.put("activities", activities.get());
    return pages.render(ctx, "home", model);
  }
}
