package uk.isafe.practice.audit.web;

import io.vertx.ext.web.RoutingContext;
import uk.isafe.practice.audit.Access;
import uk.isafe.practice.audit.Org;
import uk.isafe.practice.audit.bank.Nation;
import uk.isafe.practice.audit.data.OrgData;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.web.HttpProblem;

/** Who is asking, in which organisation, with which audit roles; and the checks every route makes first. */
record AuditRequest(RoutingContext ctx, LaunchContext launch, Org org, Access access, OrgData.Settings settings) {

  long personId() {
    return access.personId();
  }

  Nation nation() {
    return settings.nation();
  }

  String locale() {
    return launch.locale() == null ? "en-GB" : launch.locale();
  }

  static HttpProblem forbidden(String code) {
    return new HttpProblem(403, code, "audit.error.forbidden.title", "audit.error.forbidden." + code);
  }

  AuditRequest requireAny() {
    if (!access.any()) {
      throw forbidden("no-role");
    }
    return this;
  }

  AuditRequest requireAdmin() {
    if (!access.administers()) {
      throw forbidden("not-administrator");
    }
    return this;
  }

  AuditRequest requireOrganisation() {
    if (!access.seesOrganisation()) {
      throw forbidden("not-senior");
    }
    return this;
  }

  AuditRequest requireModerator() {
    if (!access.moderates()) {
      throw forbidden("not-moderator");
    }
    return this;
  }

  AuditRequest requireTeam(long teamId) {
    if (!access.seesTeam(teamId)) {
      throw forbidden("not-your-team");
    }
    return this;
  }
}
