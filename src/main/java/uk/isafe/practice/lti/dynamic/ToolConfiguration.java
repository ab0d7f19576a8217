package uk.isafe.practice.lti.dynamic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import uk.isafe.practice.lti.Claims;

/**
 * The client metadata this tool posts to a platform's registration endpoint (LTI Dynamic Registration 1.0 §3.5,
 * OpenID Connect Dynamic Client Registration): where logins start and launches land, our key set, the services we call
 * (AGS line items and scores, NRPS membership) and, in {@code lti-tool-configuration}, the domain (with a non-default
 * port: Moodle requires it to equal the host and port of the target link), the target link, the deep-linking message
 * ("Select content") and the claims we use: {@code sub} (who did the work, for results), {@code name},
 * {@code given_name} and {@code family_name} (trainers see names in the gradebook). Not email: the tool has no use
 * for it.
 */
final class ToolConfiguration {
  static final String CLIENT_NAME = "ISAFE Practice";

  private ToolConfiguration() {
  }

  /** {@code url} turns a path into a URL under {@code PUBLIC_URL}. */
  static JsonObject of(java.util.function.UnaryOperator<String> url, String description) {
    String launch = url.apply("/lti/launch");
    return new JsonObject()
        .put("application_type", "web")
        .put("response_types", new JsonArray().add("id_token"))
        .put("grant_types", new JsonArray().add("implicit").add("client_credentials"))
        .put("initiate_login_uri", url.apply("/lti/login"))
        .put("redirect_uris", new JsonArray().add(launch))
        .put("client_name", CLIENT_NAME)
        .put("jwks_uri", url.apply("/.well-known/jwks.json"))
        .put("token_endpoint_auth_method", "private_key_jwt")
        .put("scope", String.join(" ", Claims.SCOPE_LINE_ITEM, Claims.SCOPE_SCORE, Claims.SCOPE_MEMBERSHIP))
        .put(Claims.TOOL_CONFIGURATION, new JsonObject()
            .put("domain", domain(launch))
            .put("description", description)
            .put("target_link_uri", launch)
            .put("claims", new JsonArray().add("iss").add("sub").add("name").add("given_name").add("family_name"))
            .put("messages", new JsonArray().add(new JsonObject()
                .put("type", Claims.DEEP_LINKING_REQUEST)
                .put("target_link_uri", launch)
                .put("label", CLIENT_NAME))));
  }

  /** Host, and port when it is not the scheme's default: what Moodle compares with the target link. */
  static String domain(String url) {
    URI u = URI.create(url);
    int port = u.getPort();
    boolean standard = port < 0 || ("https".equals(u.getScheme()) && port == 443)
        || ("http".equals(u.getScheme()) && port == 80);
    return u.getHost() + (standard ? "" : ":" + port);
  }
}
