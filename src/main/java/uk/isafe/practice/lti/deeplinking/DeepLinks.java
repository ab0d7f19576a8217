package uk.isafe.practice.lti.deeplinking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.Role;
import uk.isafe.practice.lti.keys.SigningKeys;

/**
 * Deep Linking 2.0, the tool's side: a valid {@code LtiDeepLinkingRequest} (checked by the launch) becomes a stored
 * request and the teacher is sent to the catalogue ({@link DeepLinkingRoutes}); choosing answers the platform with a
 * signed {@code LtiDeepLinkingResponse}. Only teachers may choose content (an LMS offers "Select content" to editors
 * alone; a learner's request is refused).
 */
public final class DeepLinks {
  private static final Logger LOG = LoggerFactory.getLogger(DeepLinks.class);
  /** How long a teacher has to choose. */
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Core core;
  private final DeepLinkRepository repository = new DeepLinkRepository();
  private final DeepLinkingRoutes routes;

  public DeepLinks(Core core, SigningKeys keys) {
    this.core = core;
    this.routes = new DeepLinkingRoutes(core, keys, repository);
  }

  /**
   * Stores a validated deep-linking request, spending its login state (recording its nonce) in one transaction;
   * answers the path of the catalogue page for it.
   *
   * @param keepNonce how long the nonce stays in the replay cache
   */
  public Future<String> begin(long registrationId, String deploymentId, JsonObject claims, Duration keepNonce) {
    List<String> roles = new ArrayList<>();
    if (claims.getValue(Claims.ROLES) instanceof JsonArray arr) {
      arr.forEach(r -> {
        if (r instanceof String s) {
          roles.add(s);
        }
      });
    }
    if (!Role.fromClaims(roles).canTeach()) {
      return Future.failedFuture(new LtiRejection(403, "deep-linking-teachers-only", null));
    }
    JsonObject settings = claims.getJsonObject(Claims.DL_SETTINGS).copy();
    String locale = claims.getValue(Claims.LAUNCH_PRESENTATION) instanceof JsonObject p
        && p.getValue("locale") instanceof String l ? l : null;
    DeepLinkRequest request = new DeepLinkRequest(token(), token(), registrationId, null, null, deploymentId,
        settings.getString("deep_link_return_url"), settings, locale, false);
    return repository.start(core.pool(), registrationId, claims.getString("nonce"), keepNonce, request,
            LIFETIME)
        .onSuccess(v -> LOG.info("deep linking request accepted registrationId={} deployment={} multiple={} "
            + "autoCreate={}", registrationId, deploymentId, request.acceptMultiple(), request.autoCreate()))
        .map(v -> DeepLinkingRoutes.PATH + request.id());
  }

  public void mount(Router router) {
    routes.mount(router);
  }

  /** Deletes answered and expired requests. */
  public Future<Void> purge() {
    return repository.purge(core.pool());
  }

  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
