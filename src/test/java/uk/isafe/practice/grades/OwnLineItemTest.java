package uk.isafe.practice.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.record;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.grade.GradePassback.Delivery;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;
import uk.isafe.practice.testsupport.TestSessions.Session;

/**
 * The activity's own grade item when Moodle stops sending the {@code lineitem} claim (as soon as the tool has added a
 * column to the activity): found through the line items service by the resource link, remembered per link, and "no
 * grade service" only when there really is none.
 */
class OwnLineItemTest {
  private static SigningKey key;
  private static FakeAgsPlatform platform;
  private static TestServer server;

  @BeforeAll
  static void start() {
    key = GradesTesting.newKey();
    platform = FakeAgsPlatform.start(key.publicKey(), TestSessions.CLIENT_ID);
    server = GradesTesting.server(TestDatabase.fresh(), key, GradesTesting.fast());
  }

  @AfterAll
  static void stop() {
    server.close();
    platform.close();
  }

  /** A launch as Moodle would make it now: the claim only while the link has exactly one line item. */
  private Session launch(String course, String link, Map<String, String> custom, String sub) {
    Session s = TestSessions.on(server).course(course).link(link, custom).person(sub, "Learner " + sub)
        .role(Role.LEARNER).ags(platform.lineItemClaim(course, link), platform.lineItemsUrl(course)).create();
    GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
    return s;
  }

  private static GradeResult result(String kind, double given, double max) {
    return new GradeResult(kind, "pathway:p", given, max, "", Instant.now(), "ref-" + given);
  }

  @Test
  void once_a_column_is_added_the_claim_is_gone_and_every_later_learner_still_gets_the_activity_grade() {
    String own = platform.activityLineItem("c-own", "moodle-7", "Core practice", 100);
    Map<String, String> custom = Map.of("confidence_columns", "true");
    Session first = launch("c-own", "moodle-7", custom, "sub-1");
    assertEquals(own, first.context().ags().orElseThrow().lineItemUrl().orElseThrow(), "one item: Moodle sends it");
    record(server, first.context(), result("confidence-pre", 4, 7));
    await("confidence column created", () -> platform.lineItem("moodle-7", "confidence-pre").isPresent());
    assertNull(platform.lineItemClaim("c-own", "moodle-7"), "two items: Moodle leaves the claim out");

    for (String sub : List.of("sub-2", "sub-3", "sub-4")) {
      Session later = launch("c-own", "moodle-7", custom, sub);
      assertTrue(later.context().ags().orElseThrow().lineItemUrl().isEmpty());
      assertEquals(Delivery.QUEUED, record(server, later.context(), result("pathway", 60, 100)),
          "not 'no grade service': the line items service is there");
    }
    for (String sub : List.of("sub-2", "sub-3", "sub-4")) {
      await(sub + " graded on the activity's own item", () -> platform.grade(own, sub).equals(Optional.of(60.0)));
    }
    assertEquals(1, platform.accepted().stream().filter(r -> r.lineItem().equals(own)).map(r -> r.userId())
        .filter("sub-3"::equals).count(), "once");
    int lists = platform.lineItemLists();
    Session again = launch("c-own", "moodle-7", custom, "sub-5");
    record(server, again.context(), result("pathway", 70, 100));
    await("sub-5 graded", () -> platform.grade(own, "sub-5").equals(Optional.of(70.0)));
    assertEquals(lists, platform.lineItemLists(), "the item is remembered for the link: no second look-up");
    assertEquals(own, lineItemRow("moodle-7"), "remembered per link");
  }

  @Test
  void the_own_item_is_found_across_pages_and_never_confused_with_the_tools_columns_or_other_links() {
    String other = platform.activityLineItem("c-pages", "other-link", "Another activity", 100);
    String own = platform.activityLineItem("c-pages", "paged-link", "Paged activity", 100);
    Session s = launch("c-pages", "paged-link", Map.of("confidence_columns", "true"), "sub-p");
    record(server, s.context(), result("confidence-pre", 3, 7));
    record(server, s.context(), result("confidence-post", 5, 7));
    await("columns created", () -> platform.lineItem("paged-link", "confidence-post").isPresent());
    platform.pageSize(1);
    try {
      Session later = launch("c-pages", "paged-link", Map.of("confidence_columns", "true"), "sub-q");
      assertNull(later.context().ags().orElseThrow().lineItemUrl().orElse(null));
      record(server, later.context(), result("pathway", 42, 100));
      await("graded", () -> platform.grade(own, "sub-q").equals(Optional.of(42.0)));
      assertTrue(platform.grade(other, "sub-q").isEmpty(), "not the other link's item");
      assertTrue(platform.accepted().stream().filter(r -> r.userId().equals("sub-q"))
          .allMatch(r -> r.lineItem().equals(own)), "nothing on the tool's columns");
    } finally {
      platform.pageSize(0);
    }
  }

  @Test
  void an_activity_without_a_grade_item_of_its_own_is_reported_for_trainers_not_sent_anywhere_else() {
    Session s = launch("c-none", "no-grade-link", Map.of(), "sub-n");
    assertEquals(Delivery.QUEUED, record(server, s.context(), result("pathway", 50, 100)));
    await("refused for good", () -> GradesTesting.outboxCount(server, "failed") >= 1);
    Row row = run(server.core().pool().preparedQuery("""
        SELECT o.last_error FROM grade_outbox o JOIN resource_link l ON l.id = o.resource_link_id
         WHERE l.link_id = $1 AND o.status = 'failed'""").execute(Tuple.of("no-grade-link"))
        .map(rows -> rows.iterator().next()));
    assertNotNull(row.getString("last_error"));
    assertTrue(row.getString("last_error").contains("no grade item of its own"), row.getString("last_error"));
    assertTrue(platform.lineItems().stream().noneMatch(l -> "no-grade-link".equals(l.resourceLinkId())),
        "no column invented for it");
  }

  @Test
  void without_any_grade_service_the_result_is_kept_in_the_tool() {
    Session s = TestSessions.on(server).course("c-bare").link("bare", Map.of()).person("sub-b", "B")
        .role(Role.LEARNER).ags(null, null).create();
    assertEquals(Delivery.NOT_SENT_NO_SERVICE, record(server, s.context(), result("pathway", 50, 100)));
  }

  private static String lineItemRow(String link) {
    return run(server.core().pool().preparedQuery("""
        SELECT g.url FROM grade_line_item g JOIN resource_link l ON l.id = g.resource_link_id
         WHERE l.link_id = $1 AND g.tag = '@activity'""").execute(Tuple.of(link))
        .map(rows -> rows.iterator().next().getString(0)));
  }
}
