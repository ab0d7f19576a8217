package uk.isafe.practice.lti.launch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.impl.jose.JWT;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import uk.isafe.practice.lti.Claims;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.keys.PlatformKey;
import uk.isafe.practice.lti.keys.PlatformKeySets;
import uk.isafe.practice.lti.oidc.LoginState;
import uk.isafe.practice.lti.oidc.ToolUrls;
import uk.isafe.practice.lti.registration.PlatformRegistration;
import uk.isafe.practice.lti.registration.RegistrationRepository;
import uk.isafe.practice.web.InputHygiene;

/**
 * Checks 3–17 of the launch (docs: shared/design/LTI.md, 1EdTech Security Framework §5.1.3, LTI Core 1.3 §5.3), in
 * order, each failing with its own reason code. Checks 1–2 (platform error, state) happen before, in
 * {@link LaunchRoutes}. Only RSA keys are used to verify: {@code none}, HS* and any algorithm that does not fit the
 * key are refused before a key is looked up. The token is decoded and its signature verified by vertx-auth-jwt's JOSE
 * layer ({@link JWT#parse}, {@link PlatformKey}); its provider ({@code JWTAuth}) is not used because it checks the
 * times itself, with the system clock, and throws on a malformed {@code exp} before any reason code can be given.
 */
public final class IdTokenValidator {
  private static final int MAX_LENGTH = 64 * 1024;

  private final Pool pool;
  private final PlatformKeySets keySets;
  private final RegistrationRepository registrations;
  private final ToolUrls urls;
  private final Clock clock;
  private final Duration skew;
  private final Duration maxAge;

  public IdTokenValidator(Pool pool, PlatformKeySets keySets, RegistrationRepository registrations,
      ToolUrls urls, Clock clock, Duration skew, Duration maxAge) {
    this.pool = pool;
    this.keySets = keySets;
    this.registrations = registrations;
    this.urls = urls;
    this.clock = clock;
    this.skew = skew;
    this.maxAge = maxAge;
  }

  public Future<ValidLaunch> validate(String idToken, LoginState login) {
    PlatformRegistration reg = login.registration();
    // 3. three parts that decode
    if (idToken == null || idToken.isBlank()) {
      return reject("token-missing");
    }
    Token jwt;
    try {
      jwt = Token.parse(idToken.trim());
    } catch (LtiRejection r) {
      return Future.failedFuture(r);
    }
    // 4. an RSA algorithm, never none or HS*
    String alg = jwt.header().getValue("alg") instanceof String s ? s : "";
    if (!PlatformKey.RSA_ALGORITHMS.contains(alg)) {
      return reject(alg.equalsIgnoreCase("none") ? "alg-none" : "alg-not-allowed");
    }
    // 5. kid present and in the platform's key set (one rate-limited refetch on a miss)
    String kid = jwt.header().getValue("kid") instanceof String k ? k : "";
    if (kid.isBlank()) {
      return reject("kid-missing");
    }
    return keySets.find(reg.keySetUrl(), kid)
        .recover(err -> Future.failedFuture(err instanceof PlatformKeySets.KeySetUnavailable
            ? new LtiRejection(502, "platform-keys-unavailable", null) : err))
        .compose(key -> {
          if (key.isEmpty()) {
            return reject("kid-unknown");
          }
          if (key.get().alg().isPresent() && !key.get().alg().get().equals(alg)) {
            return reject("alg-mismatch");
          }
          // 6. signature
          if (!key.get().verifies(alg, jwt.signature(), jwt.signingInput())) {
            return reject("signature-invalid");
          }
          return checkClaims(jwt.payload(), login);
        });
  }

  private Future<ValidLaunch> checkClaims(JsonObject c, LoginState login) {
    PlatformRegistration reg = login.registration();
    // 7. issuer
    if (!reg.issuer().equals(c.getValue("iss"))) {
      return reject("iss-mismatch");
    }
    // 8. audience and authorised party
    Object aud = c.getValue("aud");
    boolean listed = aud instanceof String a ? a.equals(reg.clientId())
        : aud instanceof JsonArray arr && arr.contains(reg.clientId());
    if (!listed) {
      return reject("aud-mismatch");
    }
    Object azp = c.getValue("azp");
    if (aud instanceof JsonArray arr && arr.size() > 1 && azp == null) {
      return reject("azp-missing");
    }
    if (azp != null && !reg.clientId().equals(azp)) {
      return reject("azp-mismatch");
    }
    // 9. times, with skew; maximum age
    long now = clock.instant().getEpochSecond();
    long sk = skew.toSeconds();
    if (!(c.getValue("exp") instanceof Number exp)) {
      return reject("exp-missing");
    }
    if (!(c.getValue("iat") instanceof Number iat)) {
      return reject("iat-missing");
    }
    if (exp.longValue() + sk < now) {
      return reject("token-expired");
    }
    if (iat.longValue() - sk > now) {
      return reject("iat-in-future");
    }
    if (c.getValue("nbf") instanceof Number nbf && nbf.longValue() - sk > now) {
      return reject("token-not-yet-valid");
    }
    if (now - iat.longValue() > maxAge.toSeconds() + sk) {
      return reject("token-too-old");
    }
    // 10. nonce: present, the one issued with this state, never seen before
    if (!(c.getValue("nonce") instanceof String nonce) || nonce.isEmpty()) {
      return reject("nonce-missing");
    }
    if (!java.security.MessageDigest.isEqual(nonce.getBytes(), login.nonce().getBytes())) {
      return reject("nonce-mismatch");
    }
    // 11. version and message type
    if (!(c.getValue(Claims.VERSION) instanceof String version)) {
      return reject("version-missing");
    }
    if (!Claims.LTI_VERSION.equals(version)) {
      return reject("version-unsupported");
    }
    if (!(c.getValue(Claims.MESSAGE_TYPE) instanceof String type) || type.isBlank()) {
      return reject("message-type-missing");
    }
    if (!type.equals(Claims.RESOURCE_LINK_REQUEST) && !type.equals(Claims.DEEP_LINKING_REQUEST)) {
      return reject("message-type-unsupported");
    }
    // 12. deployment: present, equal to the login's, known (or recorded as pending by policy)
    if (!(c.getValue(Claims.DEPLOYMENT_ID) instanceof String deployment) || deployment.isBlank()) {
      return reject("deployment-missing");
    }
    if (login.deploymentId().isPresent() && !login.deploymentId().get().equals(deployment)) {
      return reject("deployment-mismatch");
    }
    // 13. roles claim present (empty, "" and unknown roles are fine)
    if (!(c.getValue(Claims.ROLES) instanceof JsonArray)) {
      return reject(c.containsKey(Claims.ROLES) ? "roles-invalid" : "roles-missing");
    }
    // 14. resource link launches: resource_link.id and a target_link_uri of ours
    if (type.equals(Claims.RESOURCE_LINK_REQUEST)) {
      if (!(c.getValue(Claims.RESOURCE_LINK) instanceof JsonObject link)
          || !(link.getValue("id") instanceof String linkId) || linkId.isBlank()) {
        return reject("resource-link-missing");
      }
    }
    if (!(c.getValue(Claims.TARGET_LINK_URI) instanceof String target) || target.isBlank()) {
      if (type.equals(Claims.RESOURCE_LINK_REQUEST)) {
        return reject("target-link-uri-missing");
      }
    } else if (!urls.isOurs(target)) {
      return reject("target-link-uri-foreign");
    }
    // 15. sub non-empty when present (absent = anonymous)
    if (c.containsKey("sub") && !(c.getValue("sub") instanceof String sub && !sub.isBlank())) {
      return reject("sub-empty");
    }
    // 16. deep linking: settings with a return URL and a type we can return
    if (type.equals(Claims.DEEP_LINKING_REQUEST)) {
      if (!(c.getValue(Claims.DL_SETTINGS) instanceof JsonObject dl)
          || !(dl.getValue("deep_link_return_url") instanceof String ret) || ret.isBlank()) {
        return reject("deep-linking-settings-missing");
      }
      if (!(dl.getValue("accept_types") instanceof JsonArray types) || !types.contains("ltiResourceLink")) {
        return reject("deep-linking-type-unsupported");
      }
    }
    // 17. optional claims, when present, have the right shape
    for (String claim : new String[] {Claims.CONTEXT, Claims.CUSTOM, Claims.LAUNCH_PRESENTATION, Claims.AGS_ENDPOINT,
        Claims.NRPS}) {
      if (c.containsKey(claim) && c.getValue(claim) != null && !(c.getValue(claim) instanceof JsonObject)) {
        return reject("claim-invalid");
      }
    }
    if (c.getValue(Claims.CONTEXT) instanceof JsonObject ctx
        && !(ctx.getValue("id") instanceof String ctxId && !ctxId.isBlank())) {
      return reject("claim-invalid");
    }
    // 18. no claim holds text that cannot be stored (a NUL or a lone surrogate, signed or not)
    if (!storable(c)) {
      return reject("claim-text-invalid");
    }
    // 10, continued: the replay cache is written in the launch's own transaction (LaunchRecorder), which fails
    // with nonce-replayed if the nonce was seen before.
    return deployment(login, deployment).map(v -> new ValidLaunch(reg, deployment, c));
  }

  /** 12, continued: the deployment's status; an unknown one is rejected or recorded as pending by policy. */
  private Future<Void> deployment(LoginState login, String deployment) {
    PlatformRegistration reg = login.registration();
    // The login's deployment (equal to the token's by now) was looked up when the state was consumed.
    Future<PlatformRegistration.DeploymentStatus> known = login.deploymentId().isPresent()
        ? Future.succeededFuture(login.loginDeploymentStatus())
        : registrations.deploymentStatus(pool, reg.id(), deployment);
    return known.compose(status -> switch (status) {
      case ACTIVE -> Future.succeededFuture();
      case PENDING -> reject("deployment-pending");
      case DISABLED -> reject("deployment-disabled");
      case UNKNOWN -> reg.unknownDeploymentPolicy() == PlatformRegistration.DeploymentPolicy.PENDING
          ? registrations.recordPending(pool, reg.id(), deployment).compose(v -> reject("deployment-pending"))
          : reject("deployment-unknown");
    });
  }

  /** A compact JWS (RFC 7515 §7.1) decoded by the library; three non-empty parts, or {@code token-malformed}. */
  private record Token(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature) {
    static Token parse(String token) {
      int first = token.indexOf('.');
      int last = token.lastIndexOf('.');
      if (token.length() > MAX_LENGTH || first <= 0 || last == first || last == first + 1
          || token.indexOf('.', first + 1) != last) {
        throw LtiRejection.of("token-malformed");
      }
      try {
        // JWT.parse drops an empty signature part: the signature is decoded here, where "a.b." stays three parts.
        JsonObject parts = JWT.parse(token.substring(0, last));
        return new Token(parts.getJsonObject("header"), parts.getJsonObject("payload"),
            token.substring(0, last).getBytes(StandardCharsets.US_ASCII),
            Base64.getUrlDecoder().decode(token.substring(last + 1)));
      } catch (RuntimeException e) {
        throw LtiRejection.of("token-malformed");
      }
    }
  }

  private static <T> Future<T> reject(String code) {
    return Future.failedFuture(LtiRejection.of(code));
  }

  /** Whether every key and string value, however deep, is text PostgreSQL can store. */
  static boolean storable(Object value) {
    if (value instanceof String s) {
      return InputHygiene.problemIn(s).isEmpty();
    }
    if (value instanceof JsonObject o) {
      return o.getMap().entrySet().stream().allMatch(e -> storable(e.getKey()) && storable(e.getValue()));
    }
    if (value instanceof java.util.Map<?, ?> m) {
      return m.entrySet().stream().allMatch(e -> storable(e.getKey()) && storable(e.getValue()));
    }
    if (value instanceof JsonArray a) {
      return a.getList().stream().allMatch(IdTokenValidator::storable);
    }
    if (value instanceof java.util.List<?> l) {
      return l.stream().allMatch(IdTokenValidator::storable);
    }
    return true;
  }

  static Optional<String> text(JsonObject o, String key) {
    return o != null && o.getValue(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
