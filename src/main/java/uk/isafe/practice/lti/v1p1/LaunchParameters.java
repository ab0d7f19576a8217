package uk.isafe.practice.lti.v1p1;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.lti.Claims;

/**
 * An LTI 1.1 launch's parameters, read as the LTI 1.3 claims the rest of the tool understands: user, roles (1.1
 * short and URN forms mapped to the LIS v2 URIs), context, resource link, {@code custom_*} parameters, presentation,
 * and Basic Outcomes as a grade endpoint for the activity's own grade (the outcome service URL, marked with
 * {@link #OUTCOMES_SCOPE}, so the outbox sends it with {@code replaceResult}).
 */
final class LaunchParameters {
  /** Marks a link whose grade goes back through LTI 1.1 Basic Outcomes rather than AGS. */
  static final String OUTCOMES_SCOPE = "urn:isafe:lti1p1:basic-outcomes";
  private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

  private LaunchParameters() {
  }

  static JsonObject claims(Map<String, String> p, Consumer consumer) {
    JsonObject c = new JsonObject()
        .put("iss", Consumer.issuerFor(consumer.key()))
        .put("aud", consumer.key())
        .put("nonce", "lti1p1:" + p.get("oauth_nonce") + ":" + p.get("oauth_timestamp"))
        .put(Claims.MESSAGE_TYPE, Claims.RESOURCE_LINK_REQUEST)
        .put(Claims.VERSION, Claims.LTI_VERSION)
        .put(Claims.DEPLOYMENT_ID, ConsumerRepository.DEPLOYMENT);
    text(p, "user_id").ifPresent(v -> c.put("sub", v));
    text(p, "lis_person_name_full").ifPresent(v -> c.put("name", v));
    text(p, "lis_person_name_given").ifPresent(v -> c.put("given_name", v));
    text(p, "lis_person_name_family").ifPresent(v -> c.put("family_name", v));
    text(p, "lis_person_contact_email_primary").ifPresent(v -> c.put("email", v));
    JsonArray roles = new JsonArray();
    for (String r : p.getOrDefault("roles", "").split(",")) {
      if (!r.isBlank()) {
        roles.add(role(r.trim()));
      }
    }
    c.put(Claims.ROLES, roles);
    JsonObject link = new JsonObject().put("id", p.get("resource_link_id"));
    text(p, "resource_link_title").ifPresent(v -> link.put("title", v));
    c.put(Claims.RESOURCE_LINK, link);
    text(p, "context_id").ifPresent(id -> {
      JsonObject context = new JsonObject().put("id", id);
      text(p, "context_title").ifPresent(v -> context.put("title", v));
      text(p, "context_label").ifPresent(v -> context.put("label", v));
      c.put(Claims.CONTEXT, context);
    });
    JsonObject custom = new JsonObject();
    p.forEach((k, v) -> {
      if (k.startsWith("custom_") && k.length() > "custom_".length()) {
        custom.put(k.substring("custom_".length()), v);
      }
    });
    c.put(Claims.CUSTOM, custom);
    JsonObject presentation = new JsonObject();
    text(p, "launch_presentation_locale").ifPresent(v -> presentation.put("locale", v.replace('_', '-')));
    text(p, "launch_presentation_return_url").ifPresent(v -> presentation.put("return_url", v));
    text(p, "launch_presentation_document_target").ifPresent(v -> presentation.put("document_target", v));
    c.put(Claims.LAUNCH_PRESENTATION, presentation);
    outcomes(p).ifPresent(o -> c.put(Claims.AGS_ENDPOINT, new JsonObject().put("lineitem", o.serviceUrl())
        .put("scope", new JsonArray().add(OUTCOMES_SCOPE))));
    return c;
  }

  /** Where this learner's result goes back, when the link takes grades and the launch is a learner's. */
  static Optional<Outcomes> outcomes(Map<String, String> p) {
    Optional<String> url = text(p, "lis_outcome_service_url");
    Optional<String> sourcedid = text(p, "lis_result_sourcedid");
    return url.isPresent() && sourcedid.isPresent() ? Optional.of(new Outcomes(url.get(), sourcedid.get()))
        : Optional.empty();
  }

  record Outcomes(String serviceUrl, String sourcedid) {
  }

  /** An LTI 1.1 role (short name or URN) as an LIS v2 URI. */
  static String role(String r) {
    if (r.startsWith("http://") || r.startsWith("https://")) {
      return r;
    }
    String lower = r.toLowerCase(Locale.ROOT);
    String name = r.substring(r.lastIndexOf('/') + 1);
    if (lower.startsWith("urn:lti:instrole:")) {
      return LIS + "institution/person#" + name;
    }
    if (lower.startsWith("urn:lti:sysrole:")) {
      return LIS + "system/person#" + name;
    }
    // urn:lti:role:ims/lis/Instructor/TeachingAssistant, Instructor/TeachingAssistant or a short context role.
    String context = lower.startsWith("urn:lti:role:ims/lis/") ? r.substring("urn:lti:role:ims/lis/".length()) : r;
    int slash = context.indexOf('/');
    return slash < 0 ? LIS + "membership#" + context
        : LIS + "membership/" + context.substring(0, slash) + "#" + context.substring(slash + 1);
  }

  private static Optional<String> text(Map<String, String> p, String key) {
    String v = p.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
