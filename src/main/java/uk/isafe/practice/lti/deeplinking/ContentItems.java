package uk.isafe.practice.lti.deeplinking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.isafe.practice.core.activity.CatalogueEntry;
import uk.isafe.practice.core.activity.GradeKind;
import uk.isafe.practice.lti.Claims;

/**
 * The deep-linking response's claims (Deep Linking 2.0 §4.5; 1EdTech Security Framework §5.2): {@code iss} our client
 * id, {@code aud} the platform's issuer, a fresh nonce, a short life, the deployment, the echoed {@code data}, and one
 * {@code ltiResourceLink} per chosen activity carrying {@code custom.activity} (a custom parameter, not a query string)
 * and, when the activity has a gradebook column of its own and the platform accepts one, a {@code lineItem} so the
 * column exists from the start.
 */
final class ContentItems {
  static final String RESPONSE = "LtiDeepLinkingResponse";
  static final String CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
  static final String DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
  static final String MSG = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";
  static final Duration LIFETIME = Duration.ofMinutes(5);

  /** A chosen activity: its catalogue entry, its own gradebook column (if any) and that column's label. */
  record Choice(CatalogueEntry entry, Optional<GradeKind> column, String columnLabel) {
  }

  private ContentItems() {
  }

  static JsonObject claims(DeepLinkRequest request, List<Choice> choices, String targetLinkUri, Optional<String> msg,
      Instant now) {
    JsonArray items = new JsonArray();
    for (Choice c : choices) {
      JsonObject item = new JsonObject()
          .put("type", "ltiResourceLink")
          .put("title", c.entry().title())
          .put("text", c.entry().description())
          .put("url", targetLinkUri)
          .put("custom", new JsonObject().put("activity", c.entry().activity()));
      if (request.acceptLineItem() && c.column().isPresent()) {
        GradeKind kind = c.column().get();
        item.put("lineItem", new JsonObject()
            .put("scoreMaximum", kind.maximum())
            .put("label", c.columnLabel())
            .put("resourceId", c.entry().activity())
            .put("tag", kind.name()));
      }
      items.add(item);
    }
    JsonObject claims = new JsonObject()
        .put("iss", request.clientId())
        .put("aud", request.issuer())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(LIFETIME).getEpochSecond())
        .put("nonce", UUID.randomUUID().toString())
        .put(Claims.DEPLOYMENT_ID, request.deploymentId())
        .put(Claims.MESSAGE_TYPE, RESPONSE)
        .put(Claims.VERSION, Claims.LTI_VERSION)
        .put(CONTENT_ITEMS, items);
    request.data().ifPresent(d -> claims.put(DATA, d));
    msg.ifPresent(m -> claims.put(MSG, m));
    return claims;
  }
}
