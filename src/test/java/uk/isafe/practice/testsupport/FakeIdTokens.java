package uk.isafe.practice.testsupport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.isafe.practice.lti.Claims;

/** The id_tokens a {@link FakePlatform} issues: Moodle-like claims for a {@link LaunchSpec}, and their signatures. */
final class FakeIdTokens {
  private FakeIdTokens() {
  }

  /** The claims of an id_token for {@code spec} (before overrides are applied). */
  static JsonObject claims(String issuer, String clientId, String deploymentId, String toolBase, LaunchSpec spec,
      String nonce) {
    long iat = Instant.now().getEpochSecond() + spec.iatOffsetSeconds;
    JsonObject c = new JsonObject().put("iss", issuer).put("aud", clientId).put("iat", iat)
        .put("exp", iat + spec.lifetimeSeconds).put("nonce", nonce)
        .put(Claims.MESSAGE_TYPE, Claims.RESOURCE_LINK_REQUEST).put(Claims.VERSION, "1.3.0")
        .put(Claims.DEPLOYMENT_ID, spec.deploymentId == null ? deploymentId : spec.deploymentId)
        .put(Claims.TARGET_LINK_URI, FakePlatform.targetLink(toolBase, spec))
        .put(Claims.RESOURCE_LINK, new JsonObject().put("id", spec.linkId).put("title", spec.linkTitle))
        .put(Claims.ROLES, new JsonArray(new ArrayList<>(spec.roles)))
        .put(Claims.LAUNCH_PRESENTATION, new JsonObject().put("locale", spec.locale).put("document_target", "iframe")
            .put("return_url", issuer + "/course/view.php?id=2"))
        .put(Claims.TOOL_PLATFORM, new JsonObject().put("product_family_code", "moodle").put("version", "4.5"));
    if (spec.sub != null) {
      c.put("sub", spec.sub);
    }
    if (spec.givenName != null) {
      c.put("given_name", spec.givenName).put("family_name", spec.familyName)
          .put("name", spec.givenName + " " + spec.familyName);
    }
    if (spec.email != null) {
      c.put("email", spec.email);
    }
    if (!spec.noContext) {
      c.put(Claims.CONTEXT, new JsonObject().put("id", spec.contextId).put("title", spec.contextTitle)
          .put("label", "WWF").put("type", new JsonArray().add("CourseSection")));
    }
    if (!spec.custom.isEmpty()) {
      c.put(Claims.CUSTOM, new JsonObject(new LinkedHashMap<>(spec.custom)));
    }
    if (spec.ags != null) {
      c.put(Claims.AGS_ENDPOINT, spec.ags.copy());
    }
    spec.claimOverrides.forEach(c::put);
    spec.removedClaims.forEach(c::remove);
    return c;
  }

  /** Signs {@code claims} as {@code spec} says (header overrides included). */
  static String sign(JsonObject claims, LaunchSpec spec, FakePlatform.SigningKey key,
      FakePlatform.SigningKey platformKey) {
    String alg = switch (spec.signing) {
      case NONE -> "none";
      case HS256 -> "HS256";
      case RS384 -> "RS384";
      default -> "RS256";
    };
    JsonObject header = new JsonObject().put("typ", "JWT").put("alg", alg).put("kid", key.kid());
    spec.headerOverrides.forEach(header::put);
    spec.removedHeaders.forEach(header::remove);
    String input = b64(header.encode()) + "." + b64(claims.encode());
    byte[] sig;
    try {
      switch (spec.signing) {
        case NONE -> sig = new byte[0];
        case HS256 -> {
          // Algorithm confusion: the platform's public key as an HMAC secret.
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(platformKey.pair().getPublic().getEncoded(), "HmacSHA256"));
          sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        }
        default -> {
          Signature s = Signature.getInstance(spec.signing == FakePlatform.Signing.RS384 ? "SHA384withRSA" : "SHA256withRSA");
          s.initSign(key.pair().getPrivate());
          s.update(input.getBytes(StandardCharsets.US_ASCII));
          sig = s.sign();
          if (spec.signing == FakePlatform.Signing.BROKEN_SIGNATURE) {
            sig[10] ^= 0x01;
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return spec.tokenTamper.apply(input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig));
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
