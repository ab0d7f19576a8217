package uk.isafe.practice.lti.registration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.web.PlatformOrigins;

/**
 * The registrations service: loads the files at start-up (off the event loop), keeps the CSP platform origins in step
 * with what is stored (also after command-line changes, by a periodic refresh), and answers look-ups.
 */
public final class Registrations {
  private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
  private final Vertx vertx;
  private final Pool pool;
  private final PlatformOrigins origins;
  private final RegistrationRepository repository = new RegistrationRepository();

  public Registrations(Vertx vertx, Pool pool, PlatformOrigins origins) {
    this.vertx = vertx;
    this.pool = pool;
    this.origins = origins;
  }

  public RegistrationRepository repository() {
    return repository;
  }

  /** Reads {@code platformsDir}, stores every registration in one transaction, then refreshes the origins. */
  public Future<Integer> loadFiles(Path platformsDir) {
    return vertx.executeBlocking(() -> RegistrationFiles.readAll(platformsDir))
        .compose(specs -> pool.withTransaction(tx -> {
          Future<Void> chain = Future.succeededFuture();
          for (RegistrationSpec spec : specs) {
            chain = chain.compose(v -> repository.upsert(tx, spec).mapEmpty());
          }
          return chain.map(specs.size());
        }))
        .onSuccess(n -> LOG.info("LTI platform registrations loaded files={} dir={}", n, platformsDir))
        .compose(n -> refreshOrigins().map(n));
  }

  /** Replaces the CSP platform origins with those of every enabled registration. */
  public Future<Void> refreshOrigins() {
    return repository.all(pool).map(all -> {
      List<String> urls = new ArrayList<>();
      for (PlatformRegistration r : all) {
        if (r.enabled()) {
          urls.add(r.issuer());
          urls.add(r.authLoginUrl());
        }
      }
      origins.replace(urls);
      return null;
    });
  }
}
