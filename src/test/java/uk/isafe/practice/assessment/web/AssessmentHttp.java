package uk.isafe.practice.assessment.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.instrument.Item;
import uk.isafe.practice.testsupport.TestServer;
import uk.isafe.practice.testsupport.TestSessions;

/** Test helpers: answer the shipped instrument's sections through real HTTP posts, as a browser form would. */
final class AssessmentHttp {
  static final String INSTRUMENT = "working-with-fathers";
  static final Instrument FATHERS = InstrumentLibrary.load(Path.of("scenarios/instruments")).find(INSTRUMENT)
      .orElseThrow();

  private AssessmentHttp() {
  }

  static String path(String wave) {
    return "/assessment/" + INSTRUMENT + "/" + wave;
  }

  static List<Instrument.Section> sections(String wave) {
    return FATHERS.sections(FATHERS.wave(wave).orElseThrow());
  }

  /** Posts one section with {@code value(item)} for every item (null skips the item). */
  static HttpResponse<String> postSection(TestServer server, TestSessions.Session s, String wave,
      Instrument.Section section, ToIntFunction<Item> value, String action) {
    Map<String, String> form = s.formWith("section", section.id(), "action", action);
    for (Item item : section.scale().items()) {
      int v = value.applyAsInt(item);
      if (v > 0) {
        form.put("answer-" + item.id(), String.valueOf(v));
      }
    }
    return server.http().postForm(path(wave), form);
  }

  /** Answers every section of {@code wave}; returns the last response (the redirect after completion). */
  static HttpResponse<String> answerAll(TestServer server, TestSessions.Session s, String wave,
      ToIntFunction<Item> value, ToIntFunction<Item> retrospective) {
    HttpResponse<String> last = null;
    for (Instrument.Section section : sections(wave)) {
      last = postSection(server, s, wave, section, section.isRetrospective() ? retrospective : value, "continue");
      assertEquals(303, last.statusCode(), "section " + section.id() + ": " + last.body());
    }
    return last;
  }

  static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElseThrow();
  }
}
