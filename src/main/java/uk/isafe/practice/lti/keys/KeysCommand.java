package uk.isafe.practice.lti.keys;

import java.io.PrintStream;
import java.util.List;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.core.ToolDatabase;

/**
 * {@code keys list|rotate}: the tool's signing keys. {@code rotate} promotes the next key to current (platforms have
 * had it from our JWKS since it was made), makes a new next key, and keeps the old current key published for
 * {@link ToolKeys#OVERLAP} before dropping it. Running servers pick the change up within a minute.
 */
public final class KeysCommand implements Command {
  private final PrintStream out;
  private final ToolKeyRepository repository = new ToolKeyRepository();

  public KeysCommand() {
    this(System.out);
  }

  KeysCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String summary() {
    return "list or rotate the tool's signing keys (published at /.well-known/jwks.json)";
  }

  @Override
  public int run(List<String> args, AppConfig config) throws Exception {
    String verb = args.isEmpty() ? "" : args.get(0);
    switch (verb) {
      case "list" -> {
        List<ToolKeyRepository.StoredKey> keys = ToolDatabase.run(config,
            (vertx, pool) -> repository.published(pool, ToolKeys.OVERLAP));
        if (keys.isEmpty()) {
          out.println("No keys yet: they are made when the server first starts.");
        }
        keys.forEach(k -> out.println(k.status() + " " + k.key().kid()));
        return 0;
      }
      case "rotate" -> {
        SigningKeys.SigningKey fresh = ToolDatabase.run(config, (vertx, pool) ->
            new ToolKeys(vertx, pool, java.time.Clock.systemUTC()).ensure()
                .compose(v -> pool.withTransaction(tx -> repository.rotate(tx, ToolKeys.OVERLAP))));
        out.println("Rotated: the next key is now current; new next key " + fresh.kid()
            + ". The old key stays published for " + ToolKeys.OVERLAP.toHours() + " hours.");
        return 0;
      }
      default -> {
        out.println("Usage: keys list | keys rotate");
        return 2;
      }
    }
  }
}
