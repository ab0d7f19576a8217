package uk.isafe.practice.scenario.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

final class ModelMaps {
  private ModelMaps() {
  }

  /** An unmodifiable copy that keeps insertion order (Map.copyOf does not). */
  static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
