package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.BankLibrary;
import uk.isafe.practice.audit.bank.BankProblem;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.audit.data.RetentionData;
import uk.isafe.practice.audit.protect.CaseRefHasher;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.lti.session.SessionHandler;
import uk.isafe.practice.web.Feature;
import uk.isafe.practice.web.HttpProblem;

/**
 * The father-inclusion case-file audit ({@code activity=audit}): loads the item banks at start (off the event loop;
 * an invalid bank is reported and not offered), sets up the case-reference secret, and mounts the audit's pages
 * behind the session handler. Every page first works out the organisation (the session's deployment) and the
 * person's audit roles.
 */
public final class AuditFeature implements Feature {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFeature.class);
  static final String SECRET_FILE = "audit-case-ref.secret";
  private static final long RETENTION_EVERY_MS = 6 * 60 * 60 * 1000L;
  private volatile long retentionTimer = -1;

  private final Core core;
  private final AuditContent content;
  private final OrgData orgs = new OrgData();
  private volatile Optional<byte[]> secret = Optional.empty();
  private final HomeRoutes home;
  private final AdminRoutes admin;
  private final RoundRoutes rounds;
  private final FormRoutes forms;
  private final ModerationRoutes moderation;
  private final ActionRoutes actions;
  private final ReportRoutes reports;

  public AuditFeature(Core core) {
    this.core = core;
    this.content = new AuditContent(core.vertx());
    core.activities().register(new AuditActivity(core.pages().messages().forLocale("en-GB")));
    this.home = new HomeRoutes(core);
    this.admin = new AdminRoutes(core, orgs);
    this.rounds = new RoundRoutes(core, content, orgs, this::hasher);
    this.forms = new FormRoutes(core, content, this::hasher);
    this.moderation = new ModerationRoutes(core, content);
    this.actions = new ActionRoutes(core, orgs);
    this.reports = new ReportRoutes(core, content, orgs, this::hasher);
  }

  @Override
  public Future<Void> start() {
    return core.vertx().executeBlocking(() -> {
      BankLibrary lib = BankLibrary.load(core.config().scenariosDir().resolve("audit"));
      secret = loadSecret();
      return lib;
    }).onSuccess(lib -> {
      content.set(lib);
      for (BankProblem p : lib.problems()) {
        LOG.error("audit bank not served reason=invalid problem={}", p);
      }
      LOG.info("audit banks loaded banks={} problems={} caseRefSecret={}", lib.banks().keySet(),
          lib.problems().size(), secret.isPresent() ? "set" : "missing");
      core.health().addDetail(() -> Future.succeededFuture(new JsonObject().put("audit", new JsonObject()
          .put("banks", lib.banks().size()).put("invalidFiles", lib.problems().size()))));
      purge();
      retentionTimer = core.vertx().setPeriodic(RETENTION_EVERY_MS, id -> purge());
    }).mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    core.vertx().cancelTimer(retentionTimer);
    return Future.succeededFuture();
  }

  /** Deletes raw answers of rounds closed for longer than the retention period; aggregates are kept. */
  private void purge() {
    new RetentionData().purge(core.pool())
        .onSuccess(p -> {
          if (p.answers() + p.moderations() + p.comments() > 0) {
            LOG.info("audit retention purged answers={} moderations={} comments={}", p.answers(), p.moderations(),
                p.comments());
          }
        })
        .onFailure(e -> LOG.warn("audit retention purge failed reason={}", e.getMessage()));
  }

  /** The configured secret; with the embedded database and none configured, one kept in the data directory. */
  private Optional<byte[]> loadSecret() throws IOException {
    if (core.config().auditCaseRefSecret().present()) {
      return Optional.of(core.config().auditCaseRefSecret().value().getBytes(StandardCharsets.UTF_8));
    }
    if (core.config().database().isPresent()) {
      return Optional.empty();
    }
    Path file = core.config().dataDir().resolve(SECRET_FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      Files.writeString(file, Base64.getEncoder().encodeToString(random));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      LOG.info("audit case-reference secret created file={}", file);
    }
    return Optional.of(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
  }

  /** The organisation's case-reference hasher, or a clear refusal when no secret is configured. */
  CaseRefHasher hasher(Org org) {
    byte[] s = secret.orElseThrow(() -> new HttpProblem(503, "audit-secret-missing", "audit.error.secret.title",
        "audit.error.secret.detail"));
    return CaseRefHasher.forOrganisation(s, org.keyId());
  }

  @Override
  public void mount(Router router) {
    route(router, HttpMethod.GET, "/audit", home::show);
    admin.mount(this, router);
    rounds.mount(this, router);
    forms.mount(this, router);
    moderation.mount(this, router);
    actions.mount(this, router);
    reports.mount(this, router);
  }

  /** Mounts a page behind the session handler; the handler gets the resolved audit request. */
  void route(Router router, HttpMethod method, String path,
      BiFunction<RoutingContext, AuditRequest, Future<Void>> handler) {
    router.route(method, path).handler(core.sessionHandler()).handler(ctx -> request(ctx)
        .compose(r -> handler.apply(ctx, r)).onFailure(ctx::fail));
  }

  private Future<AuditRequest> request(RoutingContext ctx) {
    LaunchContext launch = SessionHandler.current(ctx);
    if (launch.anonymous()) {
      return Future.failedFuture(AuditRequest.forbidden("anonymous"));
    }
    Org org = new Org(launch.registrationId(), launch.deploymentId());
    long person = launch.personId().orElseThrow();
    var access = orgs.access(core.pool(), org, person, launch.role().dbValue());
    var settings = orgs.settings(core.pool(), org);
    return Future.all(access, settings).map(x -> new AuditRequest(ctx, launch, org, access.result(),
        settings.result()));
  }
}
