package uk.isafe.practice.app;

import java.util.ArrayList;
import java.util.List;
import uk.isafe.practice.assessment.web.AssessmentFeature;
import uk.isafe.practice.audit.web.AuditFeature;
import uk.isafe.practice.core.Core;
import uk.isafe.practice.gradebook.GradebookFeature;
import uk.isafe.practice.grades.GradeOutbox;
import uk.isafe.practice.grades.GradesFeature;
import uk.isafe.practice.lti.launch.LtiFeature;
import uk.isafe.practice.lti.v1p1.Lti11Feature;
import uk.isafe.practice.privacy.PrivacyFeature;
import uk.isafe.practice.scenario.play.ScenarioFeature;
import uk.isafe.practice.web.Feature;
import uk.isafe.practice.web.HomeRoutes;

/**
 * The wiring: builds each feature once, in dependency order, from the {@link Core}. A newcomer looking for what
 * serves a URL starts here and follows the feature into its package.
 */
final class Features {
  private Features() {
  }

  static List<Feature> build(Core core, GradeOutbox outbox) {
    List<Feature> features = new ArrayList<>();
    features.add(new HomeRoutes(core.pages(), core.config().publicUrl().toString(), () -> core.activities()
        .catalogue().stream().map(e -> new HomeRoutes.ActivityRow(e.activity(), e.title(), e.minutes())).toList()));
    features.add(core.health());
    LtiFeature lti = new LtiFeature(core);
    features.add(lti);
    features.add(new Lti11Feature(core, lti.registrations()));
    features.add(new GradesFeature(core, outbox, lti.signingKeys()));
    ScenarioFeature scenarios = new ScenarioFeature(core);
    features.add(scenarios);
    AssessmentFeature assessment = new AssessmentFeature(core);
    features.add(assessment);
    features.add(new GradebookFeature(core, scenarios::library, assessment::instruments, assessment::pathways,
        lti.roster()));
    features.add(new PrivacyFeature(core));
    features.add(new AuditFeature(core));
    return features;
  }
}
