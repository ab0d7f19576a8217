package uk.isafe.practice.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActivitiesTest {
  private static final GradeKind OWN = GradeKind.of("quiz", GradeKind.Column.ACTIVITY, 10, "l", "m");
  private static final GradeKind PER_TOPIC = new GradeKind("topic:", true, GradeKind.Column.TOOL_CREATED, 100, "l",
      "m", Optional.of("topic_columns"));

  private record Quiz(List<String> ids) implements ActivityType {
    @Override
    public String prefix() {
      return "quiz";
    }

    @Override
    public Optional<String> startPath(String argument) {
      return ids.contains(argument) ? Optional.of("/quiz/" + argument) : Optional.empty();
    }

    @Override
    public List<CatalogueEntry> catalogue() {
      return ids.stream().map(i -> new CatalogueEntry("quiz:" + i, "quiz", i, null, 5, List.of())).toList();
    }

    @Override
    public List<GradeKind> gradeKinds() {
      return List.of(OWN, PER_TOPIC);
    }
  }

  private final Activities activities = new Activities().register(new Quiz(List.of("one", "two")));

  @Test
  void a_value_resolves_to_the_page_its_feature_names() {
    assertEquals(Optional.of(new Activities.Start("quiz", "/quiz/one", false)), activities.resolve(" quiz:one "));
  }

  private record StaffTool() implements ActivityType {
    @Override
    public String prefix() {
      return "tool";
    }

    @Override
    public Optional<String> startPath(String argument) {
      return argument.isEmpty() ? Optional.of("/tool") : Optional.empty();
    }

    @Override
    public List<CatalogueEntry> catalogue() {
      return List.of();
    }

    @Override
    public List<GradeKind> gradeKinds() {
      return List.of();
    }

    @Override
    public boolean trainersStartHere() {
      return true;
    }
  }

  @Test
  void a_bare_prefix_passes_an_empty_argument_and_staff_tools_start_trainers_too() {
    Activities withTool = new Activities().register(new StaffTool());
    assertEquals(Optional.of(new Activities.Start("tool", "/tool", true)), withTool.resolve("tool"));
    assertTrue(withTool.resolve("tool:x").isEmpty());
    assertTrue(withTool.resolve("tool:").isEmpty());
  }

  @Test
  void unknown_prefixes_unknown_content_and_malformed_values_resolve_to_nothing() {
    for (String v : new String[] {"quiz:three", "poll:one", "quiz:", "quiz", ":one", "", "quiz:a b", "QUIZ:one"}) {
      assertTrue(activities.resolve(v).isEmpty(), v);
    }
    assertTrue(activities.resolve(null).isEmpty());
  }

  @Test
  void a_prefix_is_registered_once() {
    assertThrows(IllegalStateException.class, () -> activities.register(new Quiz(List.of())));
  }

  @Test
  void grade_kinds_match_by_name_or_by_family_prefix() {
    assertEquals(Optional.of(OWN), activities.gradeKind("quiz"));
    assertEquals(Optional.of(PER_TOPIC), activities.gradeKind("topic:risk"));
    assertEquals("risk", PER_TOPIC.detail("topic:risk"));
    assertTrue(activities.gradeKind("quizzes").isEmpty());
  }

  @Test
  void the_catalogue_lists_every_feature_in_registration_order() {
    assertEquals(List.of("quiz:one", "quiz:two"), activities.catalogue().stream().map(CatalogueEntry::activity)
        .toList());
    assertEquals(2, activities.catalogue("quiz").size());
    assertTrue(activities.catalogue("poll").isEmpty());
  }
}
