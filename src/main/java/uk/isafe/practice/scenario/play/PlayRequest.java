package uk.isafe.practice.scenario.play;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import uk.isafe.practice.lti.LaunchContext;
import uk.isafe.practice.scenario.engine.Engine;

/**
 * One player request's context: who, which scenario, whether this is a preview (nothing recorded), and the page of the
 * activity the scenario is a step of (a pathway), if it is one.
 */
record PlayRequest(LaunchContext launch, Engine engine, PageModels pm, String notice,
    Optional<String> containerPath) {
  String id() {
    return engine.scenario().id();
  }

  boolean preview() {
    return launch.anonymous() || launch.isTrainer();
  }

  long person() {
    return launch.personId().orElseThrow();
  }

  AttemptRepository.Owner owner() {
    return AttemptRepository.Owner.of(launch);
  }

  String base() {
    return "/scenario/" + id();
  }

  Map<String, Object> model() {
    Map<String, Object> m = new HashMap<>();
    m.put("scenario", pm.scenario());
    m.put("base", base());
    m.put("preview", preview());
    m.put("anonymous", launch.anonymous());
    m.put("pathwayPath", containerPath.orElse(null));
    m.put("notice", notice == null ? null : switch (notice) {
      case "stale", "done" -> notice;
      default -> null;
    });
    return m;
  }
}
