package uk.isafe.practice.gradebook.team;

import java.io.PrintStream;
import java.util.List;
import uk.isafe.practice.core.AppConfig;
import uk.isafe.practice.core.Command;
import uk.isafe.practice.core.ToolDatabase;

/**
 * {@code grants add|remove|list}: the tool administrator lets named people see every cohort of their platform
 * deployment (the learning team’s view at {@code /learning-team}), beyond the LMS’s institution administrators, who
 * see it anyway. A person is named by the platform registration and their LMS user id (the launch’s {@code sub}:
 * Moodle’s user id number). Works while the server runs; a grant counts from the person’s next page.
 */
public final class GrantsCommand implements Command {
  static final String USAGE = """
      Usage:
        grants list
        grants add PLATFORM LMS_USER_ID [--note TEXT]
        grants remove PLATFORM LMS_USER_ID
      PLATFORM is a registration name (see 'platform list'); LMS_USER_ID is the user's id in the LMS (the launch's sub).""";
  private final PrintStream out;
  private final Grants grants = new Grants();

  public GrantsCommand() {
    this(System.out);
  }

  GrantsCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String summary() {
    return "list, add, remove who sees every course of their platform deployment (learning team view)";
  }

  @Override
  public int run(List<String> args, AppConfig config) throws Exception {
    String verb = args.isEmpty() ? "" : args.get(0);
    switch (verb) {
      case "list" -> {
        List<Grants.Grant> all = ToolDatabase.run(config, (vertx, pool) -> grants.list(pool));
        if (all.isEmpty()) {
          out.println("No grants. Institution administrators of a platform see its learning team view anyway.");
        }
        all.forEach(g -> out.printf("%-20s %-24s %s%s%n", g.platform(), g.subject(),
            g.personName() == null ? "(no name shared yet)" : g.personName(),
            g.note() == null ? "" : " – " + g.note()));
        return 0;
      }
      case "add" -> {
        if (args.size() != 3 && !(args.size() == 5 && args.get(3).equals("--note"))) {
          out.println(USAGE);
          return 2;
        }
        String note = args.size() == 5 ? args.get(4) : null;
        boolean found = ToolDatabase.run(config, (vertx, pool) -> grants.add(pool, args.get(1), args.get(2), note));
        out.println(found ? "User " + args.get(2) + " of '" + args.get(1) + "' now sees every course of their "
            + "deployment at /learning-team." : "No registration named '" + args.get(1) + "' (see 'platform list').");
        return found ? 0 : 1;
      }
      case "remove" -> {
        if (args.size() != 3) {
          out.println(USAGE);
          return 2;
        }
        boolean found = ToolDatabase.run(config, (vertx, pool) -> grants.remove(pool, args.get(1), args.get(2)));
        out.println(found ? "Grant removed." : "No grant for user " + args.get(2) + " of '" + args.get(1) + "'.");
        return found ? 0 : 1;
      }
      default -> {
        out.println(USAGE);
        return 2;
      }
    }
  }
}
