package uk.isafe.practice.lti.nrps;

import java.util.List;
import uk.isafe.practice.lti.Role;

/** One active member of a course as the membership service lists them; names only when the platform shares them. */
public record Member(String userId, String name, String givenName, String familyName, List<String> roles) {
  public Member {
    roles = List.copyOf(roles);
  }

  /** The tool's role for this member: roles in URI or short form ({@code Learner}, {@code Instructor}) both count. */
  public Role role() {
    return Role.fromClaims(roles);
  }
}
