package uk.isafe.practice.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.core.activity.Activities;
import uk.isafe.practice.grades.GradeOutbox;
import uk.isafe.practice.lti.session.LaunchSessions;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.store.Database;
import uk.isafe.practice.store.DatabaseHandle;
import uk.isafe.practice.store.Migrations;
import uk.isafe.practice.web.Feature;
import uk.isafe.practice.web.HealthRoutes;
import uk.isafe.practice.web.Messages;
import uk.isafe.practice.web.Pages;
import uk.isafe.practice.web.PlatformOrigins;
import uk.isafe.practice.web.Templates;

/**
 * Start-up as one future chain: database (embedded or external, off the event loop), migrations (off the event loop),
 * pool, features, then the HTTP servers. Shutdown in reverse: stop accepting and drain requests, stop features, close
 * the pool, stop the embedded database.
 */
public final class MainVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);
  private final AppConfig config;
  private final PrometheusMeterRegistry metrics;
  private final List<String> embeddedOptions;
  private final List<Function<Core, Feature>> extraFeatures;
  private DatabaseHandle database;
  private Pool pool;
  private List<Feature> features = List.of();
  private String httpDeployment;
  private Core core;
  private GradeOutbox outbox;

  public MainVerticle(AppConfig config, PrometheusMeterRegistry metrics, List<String> embeddedOptions,
      List<Function<Core, Feature>> extraFeatures) {
    this.config = config;
    this.metrics = metrics;
    this.embeddedOptions = embeddedOptions;
    this.extraFeatures = extraFeatures;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> DatabaseHandle.open(config.database(), config.dataDir(), embeddedOptions))
        .compose(db -> {
          database = db;
          return Migrations.apply(vertx, db.settings());
        })
        .compose(applied -> {
          pool = Database.pool(vertx, database.settings(), config.dbPoolSize());
          core = buildCore();
          List<Feature> all = new ArrayList<>(Features.build(core, outbox));
          extraFeatures.forEach(extra -> all.add(extra.apply(core)));
          features = List.copyOf(all);
          return startFeatures();
        })
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(core, features),
            new DeploymentOptions().setInstances(config.httpInstances())))
        .onSuccess(id -> {
          httpDeployment = id;
          LOG.info("ISAFE Practice listening port={} publicUrl={} database={}", config.port(), config.publicUrl(),
              database.embedded() ? "embedded" : database.settings());
        })
        .recover(err -> releaseAfterFailedStart().transform(ignored -> Future.failedFuture(err)));
  }

  private Core buildCore() {
    Messages messages = Messages.load();
    Pages pages = new Pages(new Templates(), messages);
    LaunchSessions sessions = new LaunchSessions(pool, config.sessionLifetime(), Clock.systemUTC());
    Activities activities = new Activities();
    outbox = new GradeOutbox(vertx, messages, metrics, activities);
    return new Core(vertx, config, pool, pages, new PlatformOrigins(), sessions, new SessionHandler(sessions),
        new HealthRoutes(pool), outbox, activities, metrics, Clock.systemUTC());
  }

  private Future<Void> startFeatures() {
    Future<Void> chain = Future.succeededFuture();
    for (Feature f : features) {
      chain = chain.compose(v -> f.start());
    }
    return chain;
  }

  /** The services of the running server, for tests and tools in the same process. */
  public Core core() {
    return core;
  }

  @Override
  public Future<?> stop() {
    // On vertx.close() the HTTP verticles (our children) are undeployed, gracefully, before this runs.
    boolean httpRunning = httpDeployment != null && vertx.deploymentIDs().contains(httpDeployment);
    Future<Void> undeployHttp = httpRunning ? vertx.undeploy(httpDeployment) : Future.succeededFuture();
    return undeployHttp
        .eventually(this::stopFeatures)
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          if (database != null) {
            database.close();
          }
          return null;
        }));
  }

  private Future<Void> stopFeatures() {
    List<Future<Void>> stops = new ArrayList<>();
    for (Feature f : features) {
      stops.add(f.stop().otherwise(err -> {
        LOG.warn("feature did not stop cleanly feature={} reason={}", f.getClass().getSimpleName(), err.getMessage());
        return null;
      }));
    }
    return Future.all(stops).mapEmpty();
  }

  private Future<Void> releaseAfterFailedStart() {
    return stopFeatures()
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          if (database != null) {
            database.close();
          }
          return null;
        })).mapEmpty();
  }
}
