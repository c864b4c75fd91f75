package org.anchorhold.publication.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Strict JSON reading: UTF-8 only, duplicate keys and trailing tokens fail, and every read names
 * the dotted key and what it must be.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();
  private static final Pattern INSTANT = Pattern.compile(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

  private StrictJson() {}

  /** The shared mapper, for writing. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a whole document that must be one JSON object. */
  public static JsonNode parseObject(byte[] json, String what) throws StrictJsonException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(json)).toString();
    } catch (CharacterCodingException e) {
      throw new StrictJsonException(what + " is not valid utf-8");
    }
    if (text.startsWith("\uFEFF")) {
      throw new StrictJsonException(what + " starts with a byte order mark");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new StrictJsonException(what + " is not strict json: "
          + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new StrictJsonException(what + " could not be read: " + oneLine(e.getMessage()));
    }
    if (node == null || node.isMissingNode() || !node.isObject()) {
      throw new StrictJsonException(what + " must be a json object");
    }
    return node;
  }

  /** Requires exactly the given keys: all of {@code required}, plus any of {@code optional}. */
  public static void requireKeys(JsonNode object, String where, Set<String> required,
      Set<String> optional) throws StrictJsonException {
    Set<String> present = new TreeSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      present.add(it.next());
    }
    for (String key : present) {
      if (!required.contains(key) && !optional.contains(key)) {
        throw new StrictJsonException(dotted(where, key) + " is not allowed");
      }
    }
    for (String key : new TreeSet<>(required)) {
      if (!present.contains(key)) {
        throw new StrictJsonException(dotted(where, key) + " is missing");
      }
    }
  }

  /** A required object member. */
  public static JsonNode object(JsonNode parent, String where, String key)
      throws StrictJsonException {
    JsonNode node = parent.get(key);
    if (node == null || !node.isObject()) {
      throw new StrictJsonException(dotted(where, key) + " must be an object");
    }
    return node;
  }

  /** A required array member. */
  public static List<JsonNode> array(JsonNode parent, String where, String key)
      throws StrictJsonException {
    JsonNode node = parent.get(key);
    if (node == null || !node.isArray()) {
      throw new StrictJsonException(dotted(where, key) + " must be an array");
    }
    List<JsonNode> items = new ArrayList<>();
    node.elements().forEachRemaining(items::add);
    return items;
  }

  /** A required string member. */
  public static String string(JsonNode parent, String where, String key)
      throws StrictJsonException {
    JsonNode node = parent.get(key);
    if (node == null || !node.isTextual()) {
      throw new StrictJsonException(dotted(where, key) + " must be a string");
    }
    return node.textValue();
  }

  /** A required integer member between {@code min} and {@code max}. */
  public static long integer(JsonNode parent, String where, String key, long min, long max)
      throws StrictJsonException {
    JsonNode node = parent.get(key);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
        || node.longValue() < min || node.longValue() > max) {
      throw new StrictJsonException(dotted(where, key) + " must be an integer from " + min
          + " to " + max);
    }
    return node.longValue();
  }

  /** A required UTC time in whole seconds, {@code 2026-01-31T12:00:00Z}. */
  public static Instant instant(JsonNode parent, String where, String key)
      throws StrictJsonException {
    String text = string(parent, where, key);
    if (!INSTANT.matcher(text).matches()) {
      throw new StrictJsonException(dotted(where, key)
          + " must be a utc time in whole seconds like 2026-01-31T12:00:00Z");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new StrictJsonException(dotted(where, key) + " is not a valid time");
    }
  }

  /** {@code where.key}, or {@code key} at the top. */
  public static String dotted(String where, String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
