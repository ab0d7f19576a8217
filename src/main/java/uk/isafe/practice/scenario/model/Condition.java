package uk.isafe.practice.scenario.model;

import java.util.List;
import java.util.function.ToIntFunction;

/** A structured condition: leaf comparison or all/any/not. No expression language. */
public sealed interface Condition {

  /** Evaluates against variable values (booleans as 0/1). */
  boolean test(ToIntFunction<String> vars);

  enum Op {
    EQ, NE, GT, GTE, LT, LTE;

    boolean apply(int left, int right) {
      return switch (this) {
        case EQ -> left == right;
        case NE -> left != right;
        case GT -> left > right;
        case GTE -> left >= right;
        case LT -> left < right;
        case LTE -> left <= right;
      };
    }
  }

  /** {@code boolValue} says whether the authored value was a boolean (then {@code value} is 0/1). */
  record Leaf(String var, Op op, int value, boolean boolValue) implements Condition {
    @Override
    public boolean test(ToIntFunction<String> vars) {
      return op.apply(vars.applyAsInt(var), value);
    }
  }

  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(ToIntFunction<String> vars) {
      for (Condition c : conditions) {
        if (!c.test(vars)) {
          return false;
        }
      }
      return true;
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(ToIntFunction<String> vars) {
      for (Condition c : conditions) {
        if (c.test(vars)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(ToIntFunction<String> vars) {
      return !condition.test(vars);
    }
  }

  /** Every leaf, depth first. */
  default List<Leaf> leaves() {
    List<Leaf> out = new java.util.ArrayList<>();
    collect(this, out);
    return out;
  }

  private static void collect(Condition c, List<Leaf> out) {
    if (c instanceof Leaf l) {
      out.add(l);
    } else if (c instanceof All a) {
      a.conditions().forEach(x -> collect(x, out));
    } else if (c instanceof Any a) {
      a.conditions().forEach(x -> collect(x, out));
    } else if (c instanceof Not n) {
      collect(n.condition(), out);
    }
  }
}
