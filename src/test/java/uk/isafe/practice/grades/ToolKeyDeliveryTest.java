package uk.isafe.practice.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.isafe.practice.testsupport.GradesTesting.await;
import static uk.isafe.practice.testsupport.GradesTesting.record;
import static uk.isafe.practice.testsupport.GradesTesting.run;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.grade.GradeResult;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys.SigningKey;
import uk.isafe.practice.testsupport.FakeAgsPlatform;
import uk.isafe.practice.testsupport.GradesTesting;
import uk.isafe.practice.testsupport.TestDatabase;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;
import uk.isafe.practice.testsupport.TestSessions.Session;
import uk.isafe.practice.web.Feature;

/** As wired in production: the service-token assertion is signed with the tool key the LTI feature publishes. */
class ToolKeyDeliveryTest {

  @Test
  void scores_are_delivered_with_the_tool_key_published_in_the_jwks() {
    java.util.function.Function<Core, Feature> fastOnly = core -> {
      ((GradeOutbox) core.grades()).config().settings(GradesTesting.fast());
      return router -> { };
    };
    try (TestServer server = TestServer.start(TestDatabase.fresh(), Map.of(), List.of(fastOnly))) {
      SigningKey toolKey = run(((GradeOutbox) server.core().grades()).config().signingKeys().current());
      JsonObject jwks = new JsonObject(server.http().get("/.well-known/jwks.json").body());
      assertTrue(jwks.getJsonArray("keys").stream().anyMatch(k -> toolKey.kid().equals(((JsonObject) k)
          .getString("kid"))), "the key that signs assertions is published");
      try (FakeAgsPlatform platform = FakeAgsPlatform.start(toolKey.publicKey(), TestSessions.CLIENT_ID)) {
        String own = platform.activityLineItem("c-k", "Scenario", 100);
        Session s = TestSessions.on(server).course("c-k").link("link-k", Map.of()).person("sub-k", "K")
            .role(Role.LEARNER).ags(own, platform.lineItemsUrl("c-k")).create();
        GradesTesting.useTokenEndpoint(server, platform.tokenUrl());
        record(server, s.context(), new GradeResult("scenario", "scenario:s", 88, 100, "", Instant.now(), "a"));
        await("delivered", () -> platform.grade(own, "sub-k").isPresent());
        assertEquals(Optional.of(88.0), platform.grade(own, "sub-k"));
      }
    }
  }
}
