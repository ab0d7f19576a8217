package uk.isafe.practice.lti.deeplinking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.testsupport.Browser;
import uk.isafe.practice.testsupport.FakeAdvantage;
import uk.isafe.practice.testsupport.FakePlatform;
import uk.isafe.practice.testsupport.HtmlForms;
import uk.isafe.practice.testsupport.LaunchSpec;
import uk.isafe.practice.testsupport.TestHttp;
import uk.isafe.practice.testsupport.TestServer;

/** "Select content": the catalogue, and a signed answer the platform accepts, with exactly the claims it needs. */
class DeepLinkingTest {
  private static FakePlatform lms;
  private static TestServer server;

  @BeforeAll
  static void start() {
    lms = FakePlatform.start();
    server = TestServer.start();
    lms.register(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    lms.close();
  }

  /** Launches "Select content" as {@code spec}; answers the catalogue's path. */
  private static String picker(LaunchSpec spec) {
    FakePlatform.Launch l = lms.launch(server, spec);
    assertEquals(303, l.status(), "reason=" + l.reason());
    assertTrue(l.location().startsWith("/lti/deep-linking/"), l.location());
    return l.location();
  }

  private static HttpResponse<String> choose(String path, String csrf, String... activities) {
    StringBuilder body = new StringBuilder("_csrf=" + csrf);
    for (String a : activities) {
      body.append("&activity=").append(java.net.URLEncoder.encode(a, java.nio.charset.StandardCharsets.UTF_8));
    }
    return server.http().send(java.net.http.HttpRequest.newBuilder(server.http().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  private static String csrf(String html) {
    return HtmlForms.hiddenInputs(html).get("_csrf");
  }

  private static FakeAdvantage.DeepLinkReturn returnToPlatform(HttpResponse<String> answer) {
    assertEquals(200, answer.statusCode(), answer.body());
    Map<String, String> form = HtmlForms.hiddenInputs(answer.body());
    String action = HtmlForms.attr(answer.body(), "action");
    assertEquals(lms.deepLinkReturnUrl(), action.replace("&amp;", "&"));
    int before = lms.advantage().deepLinkReturns().size();
    HttpResponse<String> r = new TestHttp(java.net.URI.create(lms.issuer())).postForm(lms.deepLinkReturnUrl(), form);
    List<FakeAdvantage.DeepLinkReturn> all = lms.advantage().deepLinkReturns();
    assertEquals(before + 1, all.size());
    FakeAdvantage.DeepLinkReturn got = all.get(all.size() - 1);
    assertNull(got.problem(), got.problem());
    assertEquals(200, r.statusCode());
    return got;
  }

  @Test
  void the_catalogue_lists_every_activity_with_length_and_competencies() {
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject()));
    HttpResponse<String> page = server.http().get(path);
    assertEquals(200, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("type=\"checkbox\""), "several items accepted: checkboxes");
    var catalogue = server.core().activities().catalogue();
    catalogue.forEach(e -> assertTrue(html.contains("value=\"" + e.activity() + "\""), e.activity()));
    assertEquals(catalogue.size(), html.split("name=\"activity\"", -1).length - 1);
    assertTrue(html.contains("Practice conversations") && html.contains("Self-assessment questionnaires")
        && html.contains("Pathways"), "grouped by kind");
    assertTrue(html.contains("About ") && html.contains("Practises: "), "length and competencies");
    assertTrue(html.contains("Father-inclusive assessment"), "competencies by name, not code");
  }

  @Test
  void choosing_returns_a_signed_response_with_exact_claims() {
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject().put("data", "opaque-42")));
    String html = server.http().get(path).body();
    var scenario = server.core().activities().catalogue("scenario").get(0);
    var questionnaire = server.core().activities().catalogue("assessment").get(0);
    FakeAdvantage.DeepLinkReturn got = returnToPlatform(choose(path, csrf(html), scenario.activity(),
        questionnaire.activity()));
    JsonObject c = got.claims();
    assertEquals(lms.clientId(), c.getString("iss"));
    assertEquals(lms.issuer(), c.getString("aud"));
    assertEquals(lms.deploymentId(), c.getString(Claims.DEPLOYMENT_ID));
    assertEquals("LtiDeepLinkingResponse", c.getString(Claims.MESSAGE_TYPE));
    assertEquals("1.3.0", c.getString(Claims.VERSION));
    assertEquals("opaque-42", c.getString("https://purl.imsglobal.org/spec/lti-dl/claim/data"));
    assertTrue(c.getLong("exp") > c.getLong("iat"));
    JsonArray items = c.getJsonArray("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
    assertEquals(2, items.size());
    JsonObject first = items.getJsonObject(0);
    assertEquals(new JsonObject()
        .put("type", "ltiResourceLink")
        .put("title", scenario.title())
        .put("text", scenario.description())
        .put("url", server.url("/lti/launch"))
        .put("custom", new JsonObject().put("activity", scenario.activity()))
        .put("lineItem", new JsonObject().put("scoreMaximum", 100.0).put("label", scenario.title())
            .put("resourceId", scenario.activity()).put("tag", "scenario")), first);
    JsonObject second = items.getJsonObject(1);
    assertEquals(questionnaire.activity(), second.getJsonObject("custom").getString("activity"));
    assertFalse(second.containsKey("lineItem"), "its results go to columns the tool creates");
    // answered once: the same form again is refused
    HttpResponse<String> again = choose(path, csrf(html), scenario.activity());
    assertEquals(400, again.statusCode());
    assertTrue(again.body().contains("deep-linking-answered"), again.body());
  }

  @Test
  void a_platform_that_accepts_one_item_gets_radios_and_one_item() {
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject().put("accept_multiple", false)
        .put("accept_lineitem", false)));
    String html = server.http().get(path).body();
    assertTrue(html.contains("type=\"radio\"") && !html.contains("type=\"checkbox\""));
    var all = server.core().activities().catalogue();
    HttpResponse<String> two = choose(path, csrf(html), all.get(0).activity(), all.get(1).activity());
    assertEquals(400, two.statusCode());
    assertTrue(two.body().contains("govuk-error-summary") && two.body().contains("Choose only one activity"));
    HttpResponse<String> none = choose(path, csrf(html));
    assertEquals(400, none.statusCode());
    assertTrue(none.body().contains("Choose at least one activity"));
    HttpResponse<String> forged = choose(path, csrf(html), "scenario:not-a-real-one");
    assertEquals(400, forged.statusCode());
    JsonObject c = returnToPlatform(choose(path, csrf(html), all.get(0).activity())).claims();
    JsonArray items = c.getJsonArray("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
    assertEquals(1, items.size());
    assertFalse(items.getJsonObject(0).containsKey("lineItem"), "accept_lineitem false honoured");
    assertFalse(c.containsKey("https://purl.imsglobal.org/spec/lti-dl/claim/data"), "no data, none echoed");
  }

  @Test
  void cancelling_returns_no_items_and_a_message() {
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject().put("data", "d")));
    String html = server.http().get(path).body();
    HttpResponse<String> r = server.http().postForm(path, TestHttp.form("_csrf", csrf(html), "cancel", "1"));
    JsonObject c = returnToPlatform(r).claims();
    assertEquals(0, c.getJsonArray("https://purl.imsglobal.org/spec/lti-dl/claim/content_items").size());
    assertEquals("d", c.getString("https://purl.imsglobal.org/spec/lti-dl/claim/data"));
    assertNotNull(c.getString("https://purl.imsglobal.org/spec/lti-dl/claim/msg"));
  }

  @Test
  void learners_and_forged_forms_are_refused() {
    FakePlatform.Launch learner = lms.launch(server, lms.deepLinking(LaunchSpec.learner(), new JsonObject()));
    assertEquals(403, learner.status());
    assertEquals("deep-linking-teachers-only", learner.reason());
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject()));
    HttpResponse<String> noCsrf = choose(path, "wrong", server.core().activities().catalogue().get(0).activity());
    assertEquals(400, noCsrf.statusCode());
    assertTrue(noCsrf.body().contains("deep-linking-form-expired"));
    assertEquals(404, server.http().get("/lti/deep-linking/unknown-request").statusCode());
  }

  @Test
  void the_catalogue_is_accessible_and_fits_the_frame() {
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject()));
    try (Browser browser = Browser.launch()) {
      Page page = browser.newPage();
      page.setViewportSize(900, 700);
      page.navigate(server.url(path));
      List<Rule> violations = Browser.seriousViolations(page);
      assertTrue(violations.isEmpty(), Browser.describe(violations));
      assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= 900"), "no sideways scroll");
      page.click("button[type=submit]:not([name])");
      assertTrue(page.content().contains("Choose at least one activity"));
      violations = Browser.seriousViolations(page);
      assertTrue(violations.isEmpty(), Browser.describe(violations));
      Page narrow = browser.narrowPage();
      narrow.setViewportSize(320, 640);
      narrow.navigate(server.url(path));
      assertTrue((Boolean) narrow.evaluate("document.documentElement.scrollWidth <= 320"), "reflows at 320 px");
    }
  }

  /** In Chromium: tick, add, and the answer posts itself to the platform, which verifies it. */
  @Test
  void in_a_real_browser_the_choice_reaches_the_platform_signed() throws Exception {
    String path = picker(lms.deepLinking(LaunchSpec.trainer(), new JsonObject().put("data", "browser")));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!server.http().get("/healthz").headers().firstValue("Content-Security-Policy").orElse("")
        .contains("form-action 'self' " + lms.issuer()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    var entry = server.core().activities().catalogue("scenario").get(0);
    int before = lms.advantage().deepLinkReturns().size();
    try (Browser browser = Browser.launch()) {
      Page page = browser.newPage();
      page.navigate(server.url(path));
      page.check("input[value='" + entry.activity() + "']");
      page.click("button[type=submit]:not([name])");
      page.waitForURL(url -> url.startsWith(lms.issuer()), new Page.WaitForURLOptions().setTimeout(15_000));
      assertTrue(page.content().contains("Content added"), page.content());
    }
    List<FakeAdvantage.DeepLinkReturn> all = lms.advantage().deepLinkReturns();
    assertEquals(before + 1, all.size());
    FakeAdvantage.DeepLinkReturn got = all.get(all.size() - 1);
    assertNull(got.problem());
    assertEquals("browser", got.claims().getString("https://purl.imsglobal.org/spec/lti-dl/claim/data"));
    assertEquals(entry.activity(), got.claims().getJsonArray(
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items").getJsonObject(0).getJsonObject("custom")
        .getString("activity"));
  }
}
