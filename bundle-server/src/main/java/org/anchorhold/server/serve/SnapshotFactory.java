package org.anchorhold.server.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Turns a verified publication into a {@link Snapshot}: buffers, ETags, CRL dates, hints. */
public final class SnapshotFactory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotFactory() {}

  /**
   * Builds the snapshot of {@code loaded}, keeping the Last-Modified time of every file whose
   * content is unchanged since {@code previous} (null at start).
   *
   * @throws PublicationRefusedException when a CRL or bundle cannot be read
   */
  public static Snapshot build(LoadedPublication loaded, Snapshot previous, String source)
      throws PublicationRefusedException {
    Instant issued = loaded.issued().truncatedTo(ChronoUnit.SECONDS);
    Map<String, ServedFile> files = new HashMap<>();
    Map<String, Instant> crls = new HashMap<>();
    long hint = Long.MAX_VALUE;
    for (Map.Entry<String, LoadedFile> entry : loaded.files().entrySet()) {
      String path = entry.getKey();
      LoadedFile file = entry.getValue();
      Instant lastModified = lastModified(path, file.sha256(), issued, previous);
      files.put(path, ServedFile.of(
          path, file.content(), file.contentType(), file.sha256(), lastModified));
      if (path.startsWith("crls/") && path.endsWith(".crl")) {
        crls.put(path, nextUpdate(path, file.content()));
      }
      if (path.startsWith("bundles/") && path.endsWith(".json")) {
        hint = Math.min(hint, refreshHint(path, file.content()));
      }
    }
    OptionalLong refreshHint =
        hint == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(hint);
    return new Snapshot(loaded.sequence(), loaded.issued(), loaded.expires(), files, crls,
        refreshHint, source);
  }

  /**
   * Unchanged content keeps its time; changed content gets a time later than the previous one,
   * so that If-Modified-Since can never answer 304 for content the client has not seen
   * (RFC 9110 §13.1.3 relies on Last-Modified growing with every change).
   */
  private static Instant lastModified(
      String path, String sha256, Instant issued, Snapshot previous) {
    if (previous == null) {
      return issued;
    }
    ServedFile before = previous.file(path);
    if (before != null && before.sha256().equals(sha256)) {
      return before.lastModified();
    }
    Instant latest = previous.files().values().stream()
        .map(ServedFile::lastModified).max(Instant::compareTo).orElse(Instant.EPOCH);
    return issued.isAfter(latest) ? issued : latest.plusSeconds(1);
  }

  private static Instant nextUpdate(String path, byte[] der) throws PublicationRefusedException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509CRL crl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(der));
      if (crl.getNextUpdate() == null) {
        // RFC 5280 §5.1.2.5: conforming CRL issuers must include nextUpdate.
        throw new PublicationRefusedException("crl '" + path + "' has no nextUpdate");
      }
      return crl.getNextUpdate().toInstant();
    } catch (CertificateException | CRLException e) {
      throw new PublicationRefusedException("crl '" + path + "' cannot be parsed", e);
    }
  }

  /** The bundle's {@code spiffe_refresh_hint} (SPIFFE Trust Domain and Bundle §4.1.2). */
  private static long refreshHint(String path, byte[] json) throws PublicationRefusedException {
    try {
      JsonNode hint = JSON.readTree(json).get("spiffe_refresh_hint");
      if (hint == null || !hint.canConvertToLong() || !hint.isIntegralNumber()
          || hint.asLong() < 0) {
        throw new PublicationRefusedException(
            "bundle '" + path + "' has no valid spiffe_refresh_hint");
      }
      return hint.asLong();
    } catch (IOException e) {
      throw new PublicationRefusedException("bundle '" + path + "' is not valid json", e);
    }
  }
}
