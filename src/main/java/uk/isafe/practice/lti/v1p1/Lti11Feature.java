package uk.isafe.practice.lti.v1p1;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.launch.LaunchRecorder;
import uk.isafe.practice.lti.registration.Registrations;
import uk.isafe.practice.web.Feature;

/**
 * LTI 1.1 for Totara and older Moodle sites: consumers from {@code LTI_CONFIG_DIR/consumers/*.yaml} (loaded at
 * start, off the event loop) or the {@code platform add-consumer} command, and signed launches at
 * {@code /lti/1p1/launch}. Grades go back through Basic Outcomes from the same outbox as AGS ({@link BasicOutcomes}).
 */
public final class Lti11Feature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(Lti11Feature.class);
  private final Core core;
  private final Registrations registrations;
  private final ConsumerRepository consumers = new ConsumerRepository();
  private final SignedLaunchRoutes launch;

  public Lti11Feature(Core core, Registrations registrations) {
    this.core = core;
    this.registrations = registrations;
    var config = core.config();
    this.launch = new SignedLaunchRoutes(core.pool(), consumers,
        new LaunchRecorder(core.pool(), core.sessions(), config.ltiMaxTokenAge().plus(config.ltiClockSkew()
            .multipliedBy(2)), config.privacy().storeNames(), core.metrics()),
        registrations, config.publicUrl().toString(), config.ltiMaxTokenAge().plus(config.ltiClockSkew()),
        core.clock(), config.publicUrlIsHttps());
  }

  @Override
  public Future<Void> start() {
    Path dir = core.config().ltiConfigDir().resolve("consumers");
    return core.vertx().executeBlocking(() -> ConsumerFiles.readAll(dir, System.getenv()))
        .compose(specs -> core.pool().withTransaction(tx -> {
          Future<Void> chain = Future.succeededFuture();
          for (ConsumerFiles.Spec s : specs) {
            chain = chain.compose(v -> consumers.upsert(tx, s.name(), s.key(), s.secret(), "file")
                .compose(id -> id.isPresent() ? Future.succeededFuture()
                    : Future.failedFuture(new IllegalStateException("consumer file " + s.name()
                        + " has the name of an LTI 1.3 registration"))));
          }
          return chain.map(specs.size());
        }))
        .onSuccess(n -> LOG.info("LTI 1.1 consumers loaded files={} dir={}", n, dir))
        .compose(n -> registrations.refreshOrigins());
  }

  @Override
  public void mount(Router router) {
    launch.mount(router);
  }
}
