package uk.isafe.practice.lti.launch;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.deeplinking.DeepLinks;
import uk.isafe.practice.lti.dynamic.DynamicRegistration;
import uk.isafe.practice.lti.keys.JwksRoutes;
import uk.isafe.practice.lti.keys.PlatformKeySets;
import uk.isafe.practice.lti.keys.SigningKeys;
import uk.isafe.practice.lti.keys.ToolKeys;
import uk.isafe.practice.lti.nrps.Roster;
import uk.isafe.practice.lti.launch.ActivityRoutes;
import uk.isafe.practice.lti.launch.IdTokenValidator;
import uk.isafe.practice.lti.launch.LaunchRecorder;
import uk.isafe.practice.lti.launch.LaunchRoutes;
import uk.isafe.practice.lti.oidc.LoginRoutes;
import uk.isafe.practice.lti.oidc.LoginStates;
import uk.isafe.practice.lti.oidc.ToolUrls;
import uk.isafe.practice.lti.registration.Registrations;
import uk.isafe.practice.web.Feature;

/**
 * LTI 1.3 launch: registrations, tool keys and their JWKS, platform key sets, OIDC login, launch validation,
 * sessions and the {@code /activity} dispatcher. Start-up generates the tool keys if needed and loads
 * {@code LTI_CONFIG_DIR/platforms/*.yaml}; afterwards the CSP platform origins follow every registration change
 * within seconds (whoever made it: command line, Dynamic Registration, another instance) and the nonces of spent
 * login states are purged once their states have expired.
 */
public final class LtiFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(LtiFeature.class);
  private final Core core;
  private final ToolKeys toolKeys;
  private final PlatformKeySets platformKeys;
  private final Registrations registrations;
  private final LoginStates states;
  private final JwksRoutes jwks;
  private final LoginRoutes login;
  private final LaunchRoutes launch;
  private final ActivityRoutes activity;
  private final DeepLinks deepLinks;
  private final DynamicRegistration dynamicRegistration;
  private final Roster roster;
  private long refreshTimer = -1;
  private long purgeTimer = -1;

  public LtiFeature(Core core) {
    this.core = core;
    this.toolKeys = new ToolKeys(core.vertx(), core.pool(), core.clock());
    this.platformKeys = new PlatformKeySets(core.vertx(), core.clock());
    this.registrations = new Registrations(core.vertx(), core.pool(), core.platformOrigins());
    ToolUrls urls = new ToolUrls(core.config());
    boolean https = core.config().publicUrlIsHttps();
    this.jwks = new JwksRoutes(toolKeys);
    this.states = new LoginStates(core.clock());
    this.login = new LoginRoutes(core.pool(), core.pages(), registrations, states, urls, https);
    IdTokenValidator validator = new IdTokenValidator(core.pool(), platformKeys, registrations.repository(),
        urls, core.clock(), core.config().ltiClockSkew(), core.config().ltiMaxTokenAge());
    java.time.Duration keepNonces = core.config().ltiMaxTokenAge().plus(core.config().ltiClockSkew().multipliedBy(2));
    this.deepLinks = new DeepLinks(core, toolKeys);
    this.dynamicRegistration = new DynamicRegistration(core, registrations);
    this.roster = new Roster(core.vertx(), core.pool(), toolKeys, core.clock(),
        core.config().privacy().storeNames());
    this.launch = new LaunchRoutes(core.pool(), core.pages(), states, registrations, validator,
        new LaunchRecorder(core.pool(), core.sessions(), keepNonces, core.config().privacy().storeNames(),
            core.metrics()), https,
        deepLinks, keepNonces);
    this.activity = new ActivityRoutes(core.pages(), core.sessionHandler(), core.activities());
  }

  /** The tool's signing keys, for service tokens and deep linking responses (grades/AGS use this). */
  public SigningKeys signingKeys() {
    return toolKeys;
  }

  /** The registrations service (LTI 1.1 consumers share its tables and its frame origins). */
  public Registrations registrations() {
    return registrations;
  }

  /** The course lists from the platforms (NRPS), for the trainer's gradebook. */
  public Roster roster() {
    return roster;
  }

  /** The platforms' key sets (shared cache). */
  public PlatformKeySets platformKeys() {
    return platformKeys;
  }

  @Override
  public Future<Void> start() {
    return toolKeys.ensure()
        .compose(v -> states.start(core.pool()))
        .compose(v -> registrations.loadFiles(core.config().ltiConfigDir().resolve("platforms")))
        .onSuccess(n -> {
          refreshTimer = core.vertx().setPeriodic(Registrations.CHECK_INTERVAL.toMillis(),
              id -> registrations.checkForChanges()
                  .onFailure(err -> LOG.warn("platform origins not refreshed reason={}", err.getMessage())));
          purgeTimer = core.vertx().setPeriodic(600_000, id -> states.purge(core.pool())
              .compose(x -> core.sessions().deleteExpired())
              .compose(x -> deepLinks.purge())
              .onFailure(err -> LOG.warn("LTI purge failed reason={}", err.getMessage())));
        })
        .mapEmpty();
  }

  @Override
  public void mount(Router router) {
    jwks.mount(router);
    login.mount(router);
    launch.mount(router);
    activity.mount(router);
    deepLinks.mount(router);
    dynamicRegistration.mount(router);
  }

  @Override
  public Future<Void> stop() {
    core.vertx().cancelTimer(refreshTimer);
    core.vertx().cancelTimer(purgeTimer);
    return Future.succeededFuture();
  }
}
