package uk.isafe.practice.audit;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one person may do in one organisation's audit: their roles (LMS default plus grants) and, for team leaders,
 * their teams. Every route asks this before it reads anything. Pure Java.
 */
public record Access(long personId, Set<AuditRole> roles, Set<Long> ledTeams) {
  public Access {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    ledTeams = Set.copyOf(ledTeams);
  }

  public boolean any() {
    return !roles.isEmpty();
  }

  public boolean administers() {
    return roles.contains(AuditRole.ADMINISTRATOR);
  }

  public boolean audits() {
    return roles.contains(AuditRole.AUDITOR);
  }

  public boolean moderates() {
    return roles.contains(AuditRole.MODERATOR) || administers();
  }

  /** Senior leaders and administrators see the whole organisation. */
  public boolean seesOrganisation() {
    return roles.contains(AuditRole.SENIOR_LEADER) || administers();
  }

  /** A team leader sees their own team; the organisation view sees every team. */
  public boolean seesTeam(long teamId) {
    return seesOrganisation() || (roles.contains(AuditRole.TEAM_LEADER) && ledTeams.contains(teamId));
  }

  public boolean leadsTeams() {
    return roles.contains(AuditRole.TEAM_LEADER) && !ledTeams.isEmpty();
  }

  /** Who may raise or update actions: those who audit, moderate or lead. */
  public boolean managesActions() {
    return administers() || moderates() || audits() || leadsTeams() || seesOrganisation();
  }
}
