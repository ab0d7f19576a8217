package uk.isafe.practice.lti.registration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.web.PlatformOrigins;

/**
 * The registrations service: loads the files at start-up (off the event loop), keeps the CSP platform origins in step
 * with what is stored, and answers look-ups. Any change to a registration, by any instance or the command line, bumps
 * a counter in the database (a trigger); {@link #checkForChanges} reads that one number and refreshes the origins
 * when it moved, so every instance frames a new platform within {@link #CHECK_INTERVAL}.
 *
 * <p>Logins find their registration in memory ({@link #match}): a registration found for an active deployment (or
 * for a login that names none) is kept until the counter next moves, which any change to a registration or a
 * deployment does. A registration disabled meanwhile can still start a login for up to {@link #CHECK_INTERVAL}, but
 * not launch: the launch reads the registration and the deployment again with its state.
 */
public final class Registrations {
  private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
  private final Vertx vertx;
  private final Pool pool;
  private final PlatformOrigins origins;
  /** How often each instance reads the change counter. */
  public static final java.time.Duration CHECK_INTERVAL = java.time.Duration.ofSeconds(2);
  private static final String VERSION = "SELECT version FROM platform_registration_version";
  private final RegistrationRepository repository = new RegistrationRepository();
  private volatile long seenVersion = -1;
  /** The most login look-ups kept: past it, all are dropped (a miss costs one read). */
  static final int MAX_MATCHES = 1_000;
  private final Map<List<String>, RegistrationRepository.Match> matches = new ConcurrentHashMap<>();

  public Registrations(Vertx vertx, Pool pool, PlatformOrigins origins) {
    this.vertx = vertx;
    this.pool = pool;
    this.origins = origins;
  }

  public RegistrationRepository repository() {
    return repository;
  }

  /**
   * Reads {@code platformsDir}, stores every registration in one transaction, then refreshes the origins. A file that
   * is gone does not remove its registration (an instance started with another folder must not switch off the
   * platforms every other instance serves): {@code platform disable NAME} does, on every instance within seconds.
   */
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

  /**
   * Enabled registrations of {@code issuer} (and {@code clientId}, when given) with the status of
   * {@code deploymentId}, as {@link RegistrationRepository#match}, from memory when an earlier login found exactly
   * one registration and an active deployment (or named none) and nothing has changed since.
   */
  public Future<List<RegistrationRepository.Match>> match(String issuer, String clientId, String deploymentId) {
    List<String> key = java.util.Arrays.asList(issuer, clientId, deploymentId);
    RegistrationRepository.Match known = matches.get(key);
    if (known != null) {
      return Future.succeededFuture(List.of(known));
    }
    long version = seenVersion;
    return repository.match(pool, issuer, clientId, deploymentId).onSuccess(found -> {
      boolean settled = found.size() == 1 && found.get(0).registration().enabled() && (deploymentId == null
          || found.get(0).deployment() == PlatformRegistration.DeploymentStatus.ACTIVE);
      if (settled && version != -1 && version == seenVersion) {
        if (matches.size() >= MAX_MATCHES) {
          matches.clear();
        }
        matches.put(key, found.get(0));
      }
    });
  }

  /** Refreshes the origins when the change counter moved since the last refresh; one small read otherwise. */
  public Future<Boolean> checkForChanges() {
    return pool.query(VERSION).execute().compose(rows -> {
      long version = rows.iterator().next().getLong(0);
      return version == seenVersion ? Future.succeededFuture(false) : refreshOrigins(version).map(true);
    });
  }

  /** Replaces the CSP platform origins with those of every enabled registration. */
  public Future<Void> refreshOrigins() {
    return pool.query(VERSION).execute().compose(rows -> refreshOrigins(rows.iterator().next().getLong(0)));
  }

  private Future<Void> refreshOrigins(long version) {
    return repository.all(pool).map(all -> {
      List<String> urls = new ArrayList<>();
      for (PlatformRegistration r : all) {
        if (r.enabled()) {
          urls.add(r.issuer());
          urls.add(r.authLoginUrl());
        }
      }
      origins.replace(urls);
      seenVersion = version;
      matches.clear();
      return null;
    });
  }
}
