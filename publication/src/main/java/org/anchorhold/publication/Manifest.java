package org.anchorhold.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.anchorhold.publication.internal.StrictJson;
import org.anchorhold.publication.internal.StrictJsonException;

/**
 * The signed table of contents of one publication: its sequence, when it was issued, when it
 * expires (the earliest CRL nextUpdate), and every file other than the manifest and its JWS.
 *
 * <p>The JSON form is one compact object with the members in this order:
 * {@code {"sequence":1,"issued":"...Z","expires":"...Z","files":[{"path":..,"size":..,
 * "sha256":..,"content_type":..}]}}.
 */
public record Manifest(long sequence, Instant issued, Instant expires, List<ManifestFile> files) {
  private static final Set<String> TOP_KEYS = Set.of("sequence", "issued", "expires", "files");
  private static final Set<String> FILE_KEYS = Set.of("path", "size", "sha256", "content_type");

  /** Refuses a bad sequence, times out of order or with fractions, and duplicate paths. */
  public Manifest {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
    files = List.copyOf(files);
    if (sequence < 1 || sequence > PublicationLayout.MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence must be from 1 to "
          + PublicationLayout.MAX_SEQUENCE);
    }
    if (issued.getNano() != 0 || expires.getNano() != 0) {
      throw new IllegalArgumentException("issued and expires must be whole seconds");
    }
    if (!expires.isAfter(issued)) {
      throw new IllegalArgumentException("expires must be after issued");
    }
    Set<String> paths = new HashSet<>();
    for (ManifestFile file : files) {
      if (!paths.add(file.path())) {
        throw new IllegalArgumentException("path '" + file.path() + "' is listed twice");
      }
    }
  }

  /** The entry of a path, if listed. */
  public Optional<ManifestFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /** Parses a manifest strictly: unknown, missing or duplicate keys and trailing data fail. */
  public static Manifest parse(byte[] json) throws PublicationException {
    try {
      JsonNode root = StrictJson.parseObject(json, "manifest");
      StrictJson.requireKeys(root, "manifest", TOP_KEYS, Set.of());
      long sequence = StrictJson.integer(root, "manifest", "sequence", 1,
          PublicationLayout.MAX_SEQUENCE);
      Instant issued = StrictJson.instant(root, "manifest", "issued");
      Instant expires = StrictJson.instant(root, "manifest", "expires");
      List<ManifestFile> files = new ArrayList<>();
      List<JsonNode> items = StrictJson.array(root, "manifest", "files");
      for (int i = 0; i < items.size(); i++) {
        files.add(parseFile(items.get(i), "manifest.files[" + i + "]"));
      }
      return new Manifest(sequence, issued, expires, files);
    } catch (StrictJsonException e) {
      throw new PublicationException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new PublicationException("manifest is invalid: " + e.getMessage());
    }
  }

  private static ManifestFile parseFile(JsonNode node, String where)
      throws StrictJsonException {
    if (!node.isObject()) {
      throw new StrictJsonException(where + " must be an object");
    }
    StrictJson.requireKeys(node, where, FILE_KEYS, Set.of());
    String path = StrictJson.string(node, where, "path");
    long size = StrictJson.integer(node, where, "size", 0, PublicationLayout.MAX_FILE_SIZE);
    String sha256 = StrictJson.string(node, where, "sha256");
    String contentType = StrictJson.string(node, where, "content_type");
    try {
      return new ManifestFile(path, size, sha256, contentType);
    } catch (IllegalArgumentException e) {
      throw new StrictJsonException(where + ": " + e.getMessage());
    }
  }

  /** The canonical JSON: compact, members in a fixed order, files in the record's order. */
  public byte[] toJson() {
    ObjectNode root = StrictJson.mapper().createObjectNode();
    root.put("sequence", sequence);
    root.put("issued", issued.toString());
    root.put("expires", expires.toString());
    ArrayNode list = root.putArray("files");
    for (ManifestFile file : files) {
      ObjectNode entry = list.addObject();
      entry.put("path", file.path());
      entry.put("size", file.size());
      entry.put("sha256", file.sha256());
      entry.put("content_type", file.contentType());
    }
    try {
      return StrictJson.mapper().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest could not be serialised", e);
    }
  }
}
