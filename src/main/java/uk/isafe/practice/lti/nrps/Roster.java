package uk.isafe.practice.lti.nrps;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.keys.SigningKeys;
import uk.isafe.practice.lti.token.ServiceTokenClient;

/**
 * A course's list of members from the platform (Names and Role Provisioning Services), kept in the database so the
 * trainer's gradebook can show learners who have not started. Read when a trainer asks ({@link #refresh}) or when the
 * stored list is older than {@link #FRESH} ({@link #ensureFresh}); one read per course at a time on an instance. A
 * launch without a membership service means the platform does not offer it: {@link RosterStatus#available()} is false.
 */
public final class Roster {
  private static final Logger LOG = LoggerFactory.getLogger(Roster.class);
  /** How long a stored list (or a failed attempt) stands before a page view reads it again. */
  public static final Duration FRESH = Duration.ofMinutes(10);
  private static final long TIMEOUT_MS = 8000;

  private final Pool pool;
  private final Clock clock;
  private final boolean storeNames;
  private final MembershipClient client;
  private final RosterRepository repository = new RosterRepository();
  private final Map<Long, Future<RosterStatus>> inFlight = new ConcurrentHashMap<>();

  /** {@code storeNames}: keep the display names the course list shares (the {@code STORE_NAMES} setting). */
  public Roster(Vertx vertx, Pool pool, SigningKeys keys, Clock clock, boolean storeNames) {
    this.storeNames = storeNames;
    this.pool = pool;
    this.clock = clock;
    WebClient web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) TIMEOUT_MS)
        .setUserAgent("ISAFE-Practice-roster"));
    this.client = new MembershipClient(web, new ServiceTokenClient(web, pool, keys, clock,
        Duration.ofMillis(TIMEOUT_MS)), TIMEOUT_MS);
  }

  /** The stored state of the course's list, without reading the platform. */
  public Future<RosterStatus> status(LaunchContext launch) {
    if (launch.nrpsUrl().isEmpty()) {
      return Future.succeededFuture(RosterStatus.unavailable());
    }
    return repository.sync(pool, launch.courseId()).map(s -> s
        .map(x -> new RosterStatus(true, x.syncedAt(), x.members(), x.problem()))
        .orElse(new RosterStatus(true, Optional.empty(), 0, Optional.empty())));
  }

  /** Reads the platform's list when nothing was tried within {@link #FRESH}; otherwise the stored state. */
  public Future<RosterStatus> ensureFresh(LaunchContext launch) {
    if (launch.nrpsUrl().isEmpty()) {
      return Future.succeededFuture(RosterStatus.unavailable());
    }
    return repository.sync(pool, launch.courseId()).compose(s -> s.isPresent()
        && s.get().attemptedAt().plus(FRESH).isAfter(clock.instant()) ? status(launch) : refresh(launch));
  }

  /** Reads the platform's list now and replaces the stored one; a failure is stored (and logged) as a reason code. */
  public Future<RosterStatus> refresh(LaunchContext launch) {
    if (launch.nrpsUrl().isEmpty()) {
      return Future.succeededFuture(RosterStatus.unavailable());
    }
    long course = launch.courseId();
    io.vertx.core.Promise<RosterStatus> promise = io.vertx.core.Promise.promise();
    Future<RosterStatus> running = inFlight.putIfAbsent(course, promise.future());
    if (running != null) {
      return running;
    }
    client.members(launch.registrationId(), launch.nrpsUrl().get())
        .compose(members -> repository.replace(pool, course, launch.registrationId(), distinct(members), storeNames)
            .onSuccess(v -> LOG.info("course list read course={} members={}", course, members.size())))
        .recover(err -> {
          String code = err instanceof RosterException r ? r.getMessage() : "roster-store-failed";
          LOG.warn("course list not read course={} reason={}", course, code);
          return repository.failed(pool, course, code);
        })
        .compose(v -> status(launch))
        .onComplete(ar -> {
          inFlight.remove(course);
          promise.handle(ar);
        });
    return promise.future();
  }

  private static List<Member> distinct(List<Member> members) {
    Map<String, Member> byId = new LinkedHashMap<>();
    members.forEach(m -> byId.putIfAbsent(m.userId(), m));
    return new ArrayList<>(byId.values());
  }
}
