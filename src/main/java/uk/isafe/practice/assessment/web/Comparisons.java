package uk.isafe.practice.assessment.web;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.isafe.practice.assessment.instrument.Instrument;
import uk.isafe.practice.assessment.instrument.InstrumentLibrary;
import uk.isafe.practice.assessment.instrument.Wave;
import uk.isafe.practice.assessment.scoring.Answered;
import uk.isafe.practice.assessment.scoring.WaveChange;

/**
 * Keeps a learner's stored pre → post and pre → follow-up comparisons (read by the trainer's gradebook) in step with
 * their completed responses: run in the transaction that completes any wave, it works each later wave's change out
 * again from the stored answers under the versions they were given to ({@link WaveChange}: the same items on both
 * sides, only shared items across versions). A response whose version is no longer kept is left without a
 * comparison, and a log line says so.
 */
final class Comparisons {
  private static final Logger LOG = LoggerFactory.getLogger(Comparisons.class);
  private final ResponseRepository responses;

  Comparisons(ResponseRepository responses) {
    this.responses = responses;
  }

  Future<Void> refresh(SqlClient tx, InstrumentLibrary library, ResponseRepository.Key key) {
    return responses.completed(tx, key.courseId(), key.personId(), key.instrumentId()).compose(rows -> {
      Optional<Answered> pre = rows.stream().filter(r -> Wave.PRE.equals(r.wave())).findFirst()
          .flatMap(r -> answered(library, key.instrumentId(), r));
      Optional<ResponseRow> preRow = rows.stream().filter(r -> Wave.PRE.equals(r.wave())).findFirst();
      if (pre.isEmpty()) {
        return Future.succeededFuture();
      }
      List<Future<Void>> writes = new ArrayList<>();
      for (ResponseRow later : rows) {
        if (Wave.PRE.equals(later.wave())) {
          continue;
        }
        answered(library, key.instrumentId(), later).ifPresent(a -> writes.add(responses.replaceComparison(tx,
            later.id(), preRow.get().id(), WaveChange.between(pre, a))));
      }
      return Future.all(writes).mapEmpty();
    });
  }

  /** A stored response under the version it was answered to, or empty (logged) when that version is not kept. */
  static Optional<Answered> answered(InstrumentLibrary library, String instrumentId, ResponseRow row) {
    Optional<Instrument> version = library.find(instrumentId, row.version());
    Optional<Wave> wave = version.flatMap(i -> i.wave(row.wave()));
    if (wave.isEmpty()) {
      LOG.warn("assessment comparison skipped reason=version-not-kept instrument={} version={} wave={} response={}",
          instrumentId, row.version(), row.wave(), row.id());
      return Optional.empty();
    }
    return Optional.of(new Answered(version.get(), wave.get(), row.answers(), row.retrospectiveAnswers()));
  }
}
