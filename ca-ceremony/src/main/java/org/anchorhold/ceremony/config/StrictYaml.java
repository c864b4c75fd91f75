package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.anchorhold.ceremony.crl.ReasonCode;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;

/**
 * Reads ceremony files and HSM profiles strictly: unknown, misspelt and duplicate keys, wrong
 * types, trailing documents, empty and binary files are all errors that name the dotted key.
 */
public final class StrictYaml {
  /** Ceremony files are small; anything larger is not one. */
  static final long MAX_BYTES = 1024 * 1024;

  private static final YAMLMapper MAPPER = mapper();

  private StrictYaml() {}

  private static YAMLMapper mapper() {
    YAMLFactory factory = YAMLFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    YAMLMapper mapper = YAMLMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .addModule(new JavaTimeModule())
        .addModule(typedValues())
        .build();
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer,
        LogicalType.Boolean, LogicalType.Float, LogicalType.DateTime}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    return mapper;
  }

  /** Deserializers that turn strings into typed values once, at parse time. */
  private static SimpleModule typedValues() {
    SimpleModule module = new SimpleModule("anchorhold-typed-values");
    module.addDeserializer(KeyAlgorithm.class, new StdScalarDeserializer<>(KeyAlgorithm.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public KeyAlgorithm deserialize(JsonParser parser, DeserializationContext context)
          throws IOException {
        String name = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
        return KeyAlgorithm.fromConfigName(name).orElseThrow(() ->
            new ConfigProblem("", "must be one of " + KeyAlgorithm.configNames()));
      }
    });
    module.addDeserializer(ReasonCode.class, new StdScalarDeserializer<>(ReasonCode.class) {
      private static final long serialVersionUID = 1L;

      @Override
      public ReasonCode deserialize(JsonParser parser, DeserializationContext context)
          throws IOException {
        String name = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
        return ReasonCode.fromRfcName(name).orElseThrow(() ->
            new ConfigProblem("", "must be one of " + ReasonCode.rfcNames()
                + " (RFC 5280 §5.3.1)"));
      }
    });
    return module;
  }

  /** The JSON mapper with the same strictness, for state files. */
  public static JsonMapper strictJson() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .addModule(new JavaTimeModule())
        .build();
  }

  /** Reads a file into a record, or explains in one line why it is not one. */
  public static <T> T read(Path file, Class<T> type) throws ConfigException {
    String text = text(file);
    if (text.isBlank()) {
      throw new ConfigException("'" + file + "' is empty");
    }
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new ConfigException("'" + file + "' holds no document");
      }
      UnknownKeys.check(tree, type);
      return MAPPER.treeToValue(tree, type);
    } catch (ConfigException e) {
      throw new ConfigException("'" + file + "': " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException("'" + file + "': " + describe(e));
    }
  }

  private static String text(Path file) throws ConfigException {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("'" + file + "' is not a readable file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigException("'" + file + "' is larger than 1 MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read '" + file + "': " + e.getClass().getSimpleName());
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new ConfigException("'" + file + "' is binary, not YAML text");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("'" + file + "' is not UTF-8 text");
    }
  }

  static String describe(JsonProcessingException e) {
    return describe(e, "YAML");
  }

  /**
   * One line saying what is wrong with a document that Jackson refused, naming the dotted key
   * and the line; {@code language} names the document's syntax (YAML, JSON) when it does not
   * parse.
   */
  public static String describe(JsonProcessingException e, String language) {
    String where = location(e.getLocation());
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field ")) {
      String key = original.substring("Duplicate field ".length()).split(" ")[0];
      return "duplicate key " + PrintableText.escaped(key) + where;
    }
    if (original.startsWith("Trailing token")) {
      return "has content after the first document" + where;
    }
    if (e instanceof InvalidTypeIdException typeId) {
      return "ceremony must be one of " + CeremonyFile.TYPES + where;
    }
    if (e instanceof JsonMappingException mapping
        && mapping.getCause() instanceof ConfigProblem p) {
      String key = path(mapping);
      if (!p.field().isEmpty()) {
        key = key.isEmpty() ? p.field() : key + "." + p.field();
      }
      return key + " " + p.getMessage();
    }
    if (e instanceof MismatchedInputException mismatch) {
      String key = path(mismatch);
      String expected = mismatch.getTargetType() == null
          ? "another type" : TypeNames.of(mismatch.getTargetType());
      return (key.isEmpty() ? "the document" : key) + " must be " + expected + where;
    }
    if (e instanceof JsonParseException) {
      return "not valid " + language + where;
    }
    if (e instanceof JsonMappingException mapping) {
      String key = path(mapping);
      return (key.isEmpty() ? "" : key + ": ") + firstLine(mapping.getOriginalMessage()) + where;
    }
    return "not valid " + language + where;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ")";
  }

  private static String firstLine(String message) {
    return message == null ? "invalid value" : message.lines().findFirst().orElse(message);
  }


}
