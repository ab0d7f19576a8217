package uk.isafe.practice.lti.deeplinking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A deep-linking request in flight, as stored: who asked (registration, deployment), where the answer goes and the
 * platform's settings (Deep Linking 2.0 §4.4.1): accepted types, one or several items, whether items are created
 * without review, whether a line item may be sent, and the opaque {@code data} to echo.
 */
public record DeepLinkRequest(String id, String csrfToken, long registrationId, String issuer, String clientId,
    String deploymentId, String returnUrl, JsonObject settings, String locale, boolean used) {

  public boolean acceptMultiple() {
    return settings.getValue("accept_multiple") instanceof Boolean b && b;
  }

  /** Absent means the platform did not say: treated as "the teacher reviews before saving". */
  public boolean autoCreate() {
    return settings.getValue("auto_create") instanceof Boolean b && b;
  }

  /** Absent means allowed (Deep Linking 2.0: {@code accept_lineitem} defaults to true). */
  public boolean acceptLineItem() {
    return !(settings.getValue("accept_lineitem") instanceof Boolean b) || b;
  }

  public boolean accepts(String type) {
    return settings.getValue("accept_types") instanceof JsonArray types && types.contains(type);
  }

  public Optional<String> data() {
    return settings.getValue("data") instanceof String s ? Optional.of(s) : Optional.empty();
  }
}
