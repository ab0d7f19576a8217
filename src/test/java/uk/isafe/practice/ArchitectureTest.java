package uk.isafe.practice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules, checked over the compiled main classes so that they stay true: dependencies point one way
 * ({@code app} → features → {@code core} → {@code lti} vocabulary and sessions, {@code web}, {@code store}), no
 * package cycle anywhere, and the pure cores use no Vert.x and do no I/O.
 */
class ArchitectureTest {
  private static final String ROOT = "uk.isafe.practice";
  private static final String[] FEATURES = {ROOT + ".scenario..", ROOT + ".assessment..", ROOT + ".gradebook..",
      ROOT + ".grades..", ROOT + ".audit..", ROOT + ".privacy..", ROOT + ".lti.launch..", ROOT + ".lti.oidc..",
      ROOT + ".lti.keys..", ROOT + ".lti.registration..", ROOT + ".lti.token..", ROOT + ".lti.v1p1..",
      ROOT + ".lti.deeplinking..", ROOT + ".lti.dynamic..", ROOT + ".lti.nrps.."};
  private static final String[] IO = {"io.vertx..", "java.io..", "java.nio..", "java.net..", "java.sql..",
      "org.slf4j..", "com.fasterxml.jackson.."};
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void no_package_depends_on_itself_through_others() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void only_the_launcher_knows_the_wiring() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".app..").should().dependOnClassesThat()
        .resideInAPackage(ROOT + ".app..").check(main);
  }

  @Test
  void shared_contracts_know_no_feature() {
    noClasses().that().resideInAPackage(ROOT + ".core..").should().dependOnClassesThat()
        .resideInAnyPackage(FEATURES).check(main);
  }

  @Test
  void lti_vocabulary_and_sessions_know_no_feature_and_no_contracts() {
    noClasses().that().resideInAnyPackage(ROOT + ".lti", ROOT + ".lti.session").should().dependOnClassesThat()
        .resideInAnyPackage(concat(FEATURES, ROOT + ".core..")).check(main);
  }

  @Test
  void infrastructure_knows_nothing_of_the_product() {
    noClasses().that().resideInAnyPackage(ROOT + ".web..", ROOT + ".store..").should().dependOnClassesThat()
        .resideInAnyPackage(concat(FEATURES, ROOT + ".core..", ROOT + ".lti..")).check(main);
  }

  @Test
  void the_scenario_engine_reads_only_the_model_and_does_no_io() {
    noClasses().that().resideInAnyPackage(ROOT + ".scenario.engine..", ROOT + ".scenario.model..")
        .should().dependOnClassesThat().resideInAnyPackage(concat(IO, ROOT + ".scenario.load..",
            ROOT + ".scenario.validate..", ROOT + ".scenario.library..", ROOT + ".scenario.play..", ROOT + ".core..",
            ROOT + ".lti..", ROOT + ".web..", ROOT + ".store.."))
        .check(main);
  }

  @Test
  void scoring_and_statistics_are_pure() {
    noClasses().that().resideInAnyPackage(ROOT + ".assessment.scoring..", ROOT + ".gradebook.stats..")
        .should().dependOnClassesThat().resideInAnyPackage(concat(IO, ROOT + ".core..", ROOT + ".lti..",
            ROOT + ".web..", ROOT + ".store.."))
        .check(main);
  }

  @Test
  void audit_arithmetic_sampling_and_protection_are_pure() {
    // Character sets (java.nio.charset) are allowed: hashing a reference needs its UTF-8 bytes, not I/O.
    noClasses().that().resideInAnyPackage(ROOT + ".audit.measure..", ROOT + ".audit.sheet..", ROOT + ".audit.round..",
        ROOT + ".audit.protect..", ROOT + ".audit.report..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.io..", "java.nio.file..", "java.net..",
            "java.sql..", "org.slf4j..", "com.fasterxml.jackson..", ROOT + ".core..", ROOT + ".lti..", ROOT + ".web..",
            ROOT + ".store..", ROOT + ".audit.data..", ROOT + ".audit.web..")
        .check(main);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
