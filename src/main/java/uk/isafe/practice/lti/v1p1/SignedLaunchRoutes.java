package uk.isafe.practice.lti.v1p1;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.imsglobal.lti.launch.LtiOauthVerifier;
import org.imsglobal.lti.launch.LtiVerificationException;
import org.imsglobal.lti.launch.LtiVerificationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.lti.LtiRejection;
import uk.isafe.practice.lti.launch.LaunchRecorder;
import uk.isafe.practice.lti.launch.ValidLaunch;
import uk.isafe.practice.lti.registration.PlatformRegistration;
import uk.isafe.practice.lti.registration.Registrations;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.PlatformOrigins;

/**
 * {@code POST /lti/1p1/launch}: an LTI 1.1 launch from a Totara or older Moodle site. Checked in this order, each
 * refusal with its own reason code and page: message type and version, consumer key (known, enabled), signature
 * method, timestamp within the window, nonce present, the OAuth 1.0a HMAC-SHA1 signature (basiclti-util, over the
 * public URL, so it holds behind a proxy), a resource link; then the nonce is spent in PostgreSQL in the launch's
 * own transaction (a replay is refused on any instance) and the launch is recorded like an LTI 1.3 one.
 */
public final class SignedLaunchRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SignedLaunchRoutes.class);
  public static final String PATH = "/lti/1p1/launch";
  private static final java.util.regex.Pattern CANONICAL_SIGNATURE =
      java.util.regex.Pattern.compile("[A-Za-z0-9+/]{27}=");
  private final Pool pool;
  private final ConsumerRepository consumers;
  private final LaunchRecorder recorder;
  private final Registrations registrations;
  private final String launchUrl;
  private final Duration window;
  private final Clock clock;
  private final boolean https;

  public SignedLaunchRoutes(Pool pool, ConsumerRepository consumers, LaunchRecorder recorder,
      Registrations registrations, String publicUrl, Duration window, Clock clock, boolean https) {
    this.pool = pool;
    this.consumers = consumers;
    this.recorder = recorder;
    this.registrations = registrations;
    this.launchUrl = publicUrl.replaceAll("/+$", "") + PATH;
    this.window = window;
    this.clock = clock;
    this.https = https;
  }

  public void mount(Router router) {
    router.post(PATH).handler(this::launch);
  }

  private void launch(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Map<String, String> p = new LinkedHashMap<>();
    for (String name : form.names()) {
      if (form.getAll(name).size() > 1) {
        refuse(ctx, "-", "lti1-parameter-repeated");
        return;
      }
      p.put(name, form.get(name));
    }
    Optional<String> early = precheck(p);
    if (early.isPresent()) {
      refuse(ctx, "-", early.get());
      return;
    }
    consumers.byKey(pool, p.get("oauth_consumer_key")).onFailure(ctx::fail).onSuccess(found -> {
      if (found.isEmpty()) {
        refuse(ctx, "-", "lti1-consumer-unknown");
        return;
      }
      Consumer consumer = found.get();
      if (!consumer.enabled()) {
        refuse(ctx, consumer.name(), "lti1-consumer-disabled");
        return;
      }
      Optional<String> signature = verify(p, consumer);
      if (signature.isPresent()) {
        refuse(ctx, consumer.name(), signature.get());
        return;
      }
      if (p.get("resource_link_id") == null || p.get("resource_link_id").isBlank()) {
        refuse(ctx, consumer.name(), "lti1-resource-link-missing");
        return;
      }
      record(ctx, p, consumer);
    });
  }

  /** The checks that need no consumer: message type, version, signature method, timestamp and nonce present. */
  Optional<String> precheck(Map<String, String> p) {
    if (!"basic-lti-launch-request".equals(p.get("lti_message_type"))) {
      return Optional.of("lti1-message-type");
    }
    if (!"LTI-1p0".equals(p.get("lti_version"))) {
      return Optional.of("lti1-version");
    }
    if (p.get("oauth_consumer_key") == null || p.get("oauth_consumer_key").isBlank()) {
      return Optional.of("lti1-consumer-unknown");
    }
    if (!"HMAC-SHA1".equals(p.get("oauth_signature_method"))) {
      return Optional.of("lti1-signature-method");
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(p.getOrDefault("oauth_timestamp", ""));
    } catch (NumberFormatException e) {
      return Optional.of("lti1-timestamp");
    }
    if (Math.abs(clock.instant().getEpochSecond() - timestamp) > window.toSeconds()) {
      return Optional.of("lti1-timestamp");
    }
    if (p.get("oauth_nonce") == null || p.get("oauth_nonce").isBlank()) {
      return Optional.of("lti1-nonce-missing");
    }
    // An HMAC-SHA1 signature is 20 bytes: exactly this in base64. The library's decoder forgives trailing junk.
    if (!CANONICAL_SIGNATURE.matcher(p.getOrDefault("oauth_signature", "")).matches()) {
      return Optional.of("lti1-signature-invalid");
    }
    return Optional.empty();
  }

  /** The OAuth 1.0a signature over the public launch URL; a replay this instance saw is reported as one. */
  private Optional<String> verify(Map<String, String> p, Consumer consumer) {
    try {
      LtiVerificationResult r = new LtiOauthVerifier().verifyParameters(p, launchUrl, "POST", consumer.secret());
      if (Boolean.TRUE.equals(r.getSuccess())) {
        return Optional.empty();
      }
      String why = r.getMessage() == null ? "" : r.getMessage();
      return Optional.of(why.contains("nonce_used") ? "nonce-replayed" : "lti1-signature-invalid");
    } catch (LtiVerificationException | RuntimeException e) {
      return Optional.of("lti1-signature-invalid");
    }
  }

  private void record(RoutingContext ctx, Map<String, String> p, Consumer consumer) {
    PlatformRegistration reg = new PlatformRegistration(consumer.registrationId(), consumer.name(),
        Consumer.issuerFor(consumer.key()), consumer.key(), "", "", "", Optional.empty(),
        PlatformRegistration.DeploymentPolicy.REJECT, true);
    Optional<LaunchParameters.Outcomes> outcomes = LaunchParameters.outcomes(p);
    recorder.record(new ValidLaunch(reg, ConsumerRepository.DEPLOYMENT, LaunchParameters.claims(p, consumer)))
        .compose(created -> {
          var context = created.context();
          Future<Void> saved = outcomes.isPresent() && context.personId().isPresent()
              && context.resourceLinkId().isPresent()
              ? consumers.saveSourcedid(pool, context.resourceLinkId().get(), context.personId().get(),
                  outcomes.get().sourcedid(), outcomes.get().serviceUrl())
              : Future.succeededFuture();
          return saved.compose(v -> learnOrigin(consumer, p)).map(created);
        })
        .onSuccess(created -> {
          LOG.info("launch accepted registration={} protocol=lti1p1 role={} anonymous={}", consumer.name(),
              created.context().role().dbValue(), created.context().anonymous());
          ctx.response().setStatusCode(303)
              .putHeader("Cache-Control", "no-store")
              .putHeader("Location", "/activity?" + SessionHandler.PARAM + "=" + created.token());
          ctx.response().headers().add("Set-Cookie", SessionHandler.cookieHeader(created.token(), https));
          ctx.response().end();
        })
        .onFailure(err -> {
          if (err instanceof LtiRejection r) {
            refuse(ctx, consumer.name(), r.code());
          } else {
            ctx.fail(err);
          }
        });
  }

  /** Remembers the consumer's origin (for frame-ancestors) from where its pages and outcome service live. */
  private Future<Void> learnOrigin(Consumer consumer, Map<String, String> p) {
    String from = Optional.ofNullable(p.get("launch_presentation_return_url"))
        .or(() -> Optional.ofNullable(p.get("lis_outcome_service_url"))).orElse(null);
    String origin = from == null ? null : PlatformOrigins.originOfUrl(from);
    if (origin == null) {
      return Future.succeededFuture();
    }
    return consumers.learnOrigin(pool, consumer.registrationId(), origin)
        .compose(changed -> changed ? registrations.refreshOrigins() : Future.succeededFuture());
  }

  private static void refuse(RoutingContext ctx, String consumer, String code) {
    LOG.info("launch rejected registration={} protocol=lti1p1 reason={}", consumer, code);
    ctx.fail(LtiRejection.of(code));
  }
}
