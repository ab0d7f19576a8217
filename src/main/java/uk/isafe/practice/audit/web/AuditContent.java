package uk.isafe.practice.audit.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import uk.isafe.practice.audit.bank.AuditBank;
import uk.isafe.practice.audit.bank.BankLibrary;
import uk.isafe.practice.audit.bank.BankValidator;
import uk.isafe.practice.audit.data.RoundData;
import uk.isafe.practice.web.HttpProblem;

/**
 * The item banks: the current files (for new rounds) and, for existing rounds, each bank version exactly as the round
 * fixed it (read from the database once, validated off the event loop, then kept in memory).
 */
final class AuditContent {
  private final Vertx vertx;
  private final AtomicReference<BankLibrary> library = new AtomicReference<>(new BankLibrary(Map.of(), Map.of(),
      java.util.List.of()));
  private final Map<String, AuditBank> fixed = new ConcurrentHashMap<>();
  private final RoundData rounds = new RoundData();

  AuditContent(Vertx vertx) {
    this.vertx = vertx;
  }

  void set(BankLibrary loaded) {
    library.set(loaded);
  }

  BankLibrary library() {
    return library.get();
  }

  /** The bank version a round uses. */
  Future<AuditBank> forRound(SqlClient db, String bankId, int version) {
    String key = bankId + "@" + version;
    AuditBank cached = fixed.get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    AuditBank current = library.get().find(bankId).filter(b -> b.version() == version).orElse(null);
    if (current != null) {
      fixed.put(key, current);
      return Future.succeededFuture(current);
    }
    return rounds.bankSource(db, bankId, version).compose(source -> {
      if (source.isEmpty()) {
        return Future.failedFuture(new HttpProblem(500, "bank-version-missing", "audit.error.bankMissing.title",
            "audit.error.bankMissing.detail"));
      }
      return vertx.executeBlocking(() -> BankValidator.validate(key, source.get().getBytes(StandardCharsets.UTF_8))
          .bank().orElseThrow(() -> new IllegalStateException("stored bank " + key + " no longer validates")));
    }).onSuccess(b -> fixed.put(key, b));
  }
}
