package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds the first key a record does not have, before any value is bound, so a misspelt key is
 * reported as misspelt rather than as the required key it was meant to be.
 */
final class UnknownKeys {
  private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB =
      new PropertyNamingStrategies.KebabCaseStrategy();

  private UnknownKeys() {}

  static void check(JsonNode node, Class<?> type) throws ConfigException {
    check(node, type, "");
  }

  private static void check(JsonNode node, Type type, String path) throws ConfigException {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class && node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          check(node.get(i), arguments[0], path + "[" + i + "]");
        }
      } else if (raw == Map.class && node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          check(entry.getValue(), arguments[1], join(path, entry.getKey()));
        }
      }
      return;
    }
    if (!(type instanceof Class<?> target) || !node.isObject()) {
      return;
    }
    Class<?> record = concrete(node, target);
    if (record == null || !record.isRecord()) {
      return;
    }
    Map<String, Type> known = new java.util.LinkedHashMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      known.put(KEBAB.translate(component.getName()), component.getGenericType());
    }
    JsonTypeInfo typeInfo = target.getAnnotation(JsonTypeInfo.class);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      boolean typeProperty = typeInfo != null && typeInfo.property().equals(name);
      if (!typeProperty && !known.containsKey(name)) {
        throw new ConfigException("unknown key '" + join(path, PrintableText.escaped(name))
            + "'" + suggestion(name, known.keySet()));
      }
      if (!typeProperty) {
        check(node.get(name), known.get(name), join(path, name));
      }
    }
  }

  /** The record a polymorphic node will bind to, or the target itself. */
  private static Class<?> concrete(JsonNode node, Class<?> target) {
    JsonTypeInfo typeInfo = target.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes subTypes = target.getAnnotation(JsonSubTypes.class);
    if (typeInfo == null || subTypes == null) {
      return target;
    }
    String name = node.path(typeInfo.property()).asText(null);
    for (JsonSubTypes.Type subType : subTypes.value()) {
      if (subType.name().equals(name)) {
        return subType.value();
      }
    }
    return null;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A hint for a misspelt key: the known key closest to it, if it is close. */
  private static String suggestion(String unknown, java.util.Set<String> known) {
    String allowed = String.join(", ", new TreeSet<>(known));
    String closest = known.stream()
        .min(Comparator.comparingInt(k -> Levenshtein.distance(k, unknown)))
        .orElse(null);
    if (closest != null && Levenshtein.distance(closest, unknown) <= 2) {
      return "; did you mean '" + closest + "'? (allowed: " + allowed + ")";
    }
    return known.isEmpty() ? "" : " (allowed: " + allowed + ")";
  }

  static String names(java.util.Collection<String> keys) {
    return keys.stream().sorted().collect(Collectors.joining(", "));
  }
}
