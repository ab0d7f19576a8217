package uk.isafe.practice.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {
  @Test
  void instructor_uri_and_short_name_map_to_trainer() {
    assertEquals(Role.TRAINER, Role.fromClaims(List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")));
    assertEquals(Role.TRAINER, Role.fromClaims(List.of("Instructor")));
  }

  @Test
  void teaching_assistant_content_developer_and_mentor_are_trainers() {
    assertEquals(Role.TRAINER, Role.fromClaims(
        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant")));
    assertEquals(Role.TRAINER, Role.fromClaims(List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper")));
    assertEquals(Role.TRAINER, Role.fromClaims(List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor")));
  }

  @Test
  void institution_and_system_administrators_are_administrators() {
    assertEquals(Role.ADMINISTRATOR, Role.fromClaims(
        List.of("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator")));
    assertEquals(Role.ADMINISTRATOR, Role.fromClaims(
        List.of("http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator")));
  }

  @Test
  void empty_blank_and_unknown_roles_are_learners() {
    assertEquals(Role.LEARNER, Role.fromClaims(List.of()));
    assertEquals(Role.LEARNER, Role.fromClaims(List.of("")));
    assertEquals(Role.LEARNER, Role.fromClaims(List.of("http://example.org/roles#Wizard")));
    assertEquals(Role.LEARNER, Role.fromClaims(List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")));
  }

  @Test
  void a_course_administrator_membership_is_not_a_site_administrator() {
    assertEquals(Role.LEARNER, Role.fromClaims(
        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator")));
  }
}
