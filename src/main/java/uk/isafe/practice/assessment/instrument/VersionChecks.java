package uk.isafe.practice.assessment.instrument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a new version of an instrument promises the answers stored under its earlier versions: answers are stored by
 * item id and compared on the items versions share, so an item id kept from an earlier version stays in the same
 * scale and keeps its direction (reverse-scored or not), and a scale kept by id keeps its points. An item whose
 * meaning changed needs a new id. Problems are reported against the current file. Pure Java.
 */
final class VersionChecks {

  private VersionChecks() {
  }

  static List<Problem> check(String file, InstrumentValidator.Result source, Instrument current,
      Collection<Instrument> earlier) {
    List<Problem> out = new ArrayList<>();
    for (Instrument old : earlier) {
      for (int s = 0; s < current.scales().size(); s++) {
        Scale scale = current.scales().get(s);
        String at = "/scales/" + s;
        Optional<Scale> was = old.scale(scale.id());
        if (was.isPresent() && !was.get().samePoints(scale)) {
          out.add(new Problem(file, source.line(at + "/min"), Problem.scale(scale.id()), "the scale is answered "
              + scale.min() + "–" + scale.max() + " but was " + was.get().min() + "–" + was.get().max()
              + " in version " + old.version() + ": answers on different points cannot be compared, so give the "
              + "scale a new id"));
        }
        for (int i = 0; i < scale.items().size(); i++) {
          Item item = scale.items().get(i);
          String itemAt = at + "/items/" + i;
          for (Scale oldScale : old.scales()) {
            for (Item oldItem : oldScale.items()) {
              if (!oldItem.id().equals(item.id())) {
                continue;
              }
              if (!oldScale.id().equals(scale.id())) {
                out.add(new Problem(file, source.line(itemAt + "/id"), Problem.item(item.id()), "was in scale '"
                    + oldScale.id() + "' in version " + old.version() + ": an item kept from an earlier version stays "
                    + "in its scale; give a moved or reworded item a new id"));
              } else if (oldItem.reverse() != item.reverse()) {
                out.add(new Problem(file, source.line(itemAt + "/reverse"), Problem.item(item.id()), "reverse is "
                    + item.reverse() + " but was " + oldItem.reverse() + " in version " + old.version()
                    + ": an item whose direction changed needs a new id"));
              }
            }
          }
        }
      }
    }
    return out;
  }
}
