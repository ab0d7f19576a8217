package uk.isafe.practice.lti.nrps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.isafe.practice.lti.Role;

/** Paging links and roles as platforms send them. */
class MembershipLinksTest {

  @Test
  void the_next_link_is_found_verbatim_among_others_in_one_or_several_headers() {
    assertEquals(Optional.of("https://lms.example/m?b=2&a=1"),
        MembershipClient.next(List.of("<https://lms.example/m?first=1>; rel=\"first\", "
            + "<https://lms.example/m?b=2&a=1>; rel=\"next\"")));
    assertEquals(Optional.of("https://lms.example/p2"),
        MembershipClient.next(List.of("<https://lms.example/p0>; rel=\"prev\"", "<https://lms.example/p2>;rel=next")));
    assertEquals(Optional.empty(), MembershipClient.next(List.of("<https://lms.example/p0>; rel=\"differences\"")));
    assertEquals(Optional.empty(), MembershipClient.next(List.of()));
  }

  @Test
  void roles_count_in_short_and_uri_form() {
    assertEquals(Role.LEARNER, new Member("u", null, null, null, List.of("Learner")).role());
    assertEquals(Role.TRAINER, new Member("u", null, null, null, List.of("Instructor")).role());
    assertEquals(Role.TRAINER, new Member("u", null, null, null,
        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")).role());
    assertEquals(Role.LEARNER, new Member("u", null, null, null, List.of()).role());
  }
}
