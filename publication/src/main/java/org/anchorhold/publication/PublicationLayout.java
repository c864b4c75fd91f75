package org.anchorhold.publication;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The paths, names and content types of a publication directory (DESIGN.md, Publication). */
public final class PublicationLayout {
  /** The signed table of contents. */
  public static final String MANIFEST = "manifest.json";
  /** The compact JWS over {@link #MANIFEST}. */
  public static final String SIGNATURE = "manifest.jws";

  public static final String TYPE_JSON = "application/json";
  public static final String TYPE_PEM_CHAIN = "application/pem-certificate-chain";
  public static final String TYPE_CERT = "application/pkix-cert";
  public static final String TYPE_CRL = "application/pkix-crl";
  public static final String TYPE_JOSE = "application/jose";

  /** Digits of a sequence directory name. */
  public static final int SEQUENCE_DIGITS = 12;
  /** The largest sequence a 12-digit directory name can hold. */
  public static final long MAX_SEQUENCE = 999_999_999_999L;
  /** Upper bound on any one file of a publication; bundles and CRLs are far smaller. */
  public static final int MAX_FILE_SIZE = 8 * 1024 * 1024;

  // SPIFFE ID §2.1: trust domain names are lowercase letters, digits, dots, dashes, underscores.
  private static final String TRUST_DOMAIN = "[a-z0-9._-]{1,255}";
  // Root and issuer names: file-name safe, no leading dot, so never "." or "..".
  private static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";

  private static final Pattern TRUST_DOMAIN_PATTERN = Pattern.compile(TRUST_DOMAIN);
  private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
  private static final Pattern SEQUENCE_PATTERN = Pattern.compile("[0-9]{12}");
  private static final Pattern BUNDLE_JSON =
      Pattern.compile("bundles/(" + TRUST_DOMAIN + ")\\.json");
  private static final Pattern BUNDLE_PEM = Pattern.compile("bundles/(" + TRUST_DOMAIN + ")\\.pem");
  private static final Pattern ROOT = Pattern.compile("roots/(" + NAME + ")\\.crt");
  private static final Pattern CRL = Pattern.compile("crls/(" + NAME + ")\\.crl");
  private static final Pattern CHAIN = Pattern.compile("issuers/(" + NAME + ")/chain\\.pem");

  private PublicationLayout() {}

  /** The directory name of a sequence: 12 digits, zero-padded. */
  public static String sequenceDirName(long sequence) {
    if (sequence < 1 || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence must be between 1 and " + MAX_SEQUENCE);
    }
    return String.format("%012d", sequence);
  }

  /** The sequence a directory name stands for, or empty when it is not a sequence directory. */
  public static OptionalLong parseSequenceDirName(String name) {
    if (!SEQUENCE_PATTERN.matcher(name).matches()) {
      return OptionalLong.empty();
    }
    long sequence = Long.parseLong(name);
    return sequence == 0 ? OptionalLong.empty() : OptionalLong.of(sequence);
  }

  /** Whether a string is a trust domain name this layout accepts. */
  public static boolean isTrustDomain(String trustDomain) {
    return trustDomain != null && TRUST_DOMAIN_PATTERN.matcher(trustDomain).matches()
        && !trustDomain.equals(".") && !trustDomain.equals("..");
  }

  /** Whether a string is a root or issuer name this layout accepts. */
  public static boolean isName(String name) {
    return name != null && NAME_PATTERN.matcher(name).matches();
  }

  /** The SPIFFE bundle of a trust domain. */
  public static String bundleJson(String trustDomain) {
    return "bundles/" + requireTrustDomain(trustDomain) + ".json";
  }

  /** The PEM twin of a trust domain's bundle. */
  public static String bundlePem(String trustDomain) {
    return "bundles/" + requireTrustDomain(trustDomain) + ".pem";
  }

  /** A root certificate, DER. */
  public static String root(String name) {
    return "roots/" + requireName(name) + ".crt";
  }

  /** A root's current CRL, DER. */
  public static String crl(String rootName) {
    return "crls/" + requireName(rootName) + ".crl";
  }

  /** An issuer's chain for SPIRE's cert_file_path. */
  public static String issuerChain(String issuer) {
    return "issuers/" + requireName(issuer) + "/chain.pem";
  }

  /**
   * The content type of a path of the layout (DESIGN.md table), or empty for a path the layout
   * does not have.
   */
  public static Optional<String> contentType(String path) {
    if (path == null) {
      return Optional.empty();
    }
    if (path.equals(MANIFEST)) {
      return Optional.of(TYPE_JSON);
    }
    if (path.equals(SIGNATURE)) {
      return Optional.of(TYPE_JOSE);
    }
    if (matchesTrustDomain(BUNDLE_JSON, path)) {
      return Optional.of(TYPE_JSON);
    }
    if (matchesTrustDomain(BUNDLE_PEM, path)) {
      return Optional.of(TYPE_PEM_CHAIN);
    }
    if (ROOT.matcher(path).matches()) {
      return Optional.of(TYPE_CERT);
    }
    if (CRL.matcher(path).matches()) {
      return Optional.of(TYPE_CRL);
    }
    if (CHAIN.matcher(path).matches()) {
      return Optional.of(TYPE_PEM_CHAIN);
    }
    return Optional.empty();
  }

  /** The trust domain of a {@code bundles/<td>.json} path, or empty. */
  public static Optional<String> trustDomainOfBundleJson(String path) {
    Matcher matcher = BUNDLE_JSON.matcher(path);
    if (matcher.matches() && isTrustDomain(matcher.group(1))) {
      return Optional.of(matcher.group(1));
    }
    return Optional.empty();
  }

  /** The root name of a {@code crls/<name>.crl} path, or empty. */
  public static Optional<String> rootNameOfCrl(String path) {
    Matcher matcher = CRL.matcher(path);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The root name of a {@code roots/<name>.crt} path, or empty. */
  public static Optional<String> rootNameOfRoot(String path) {
    Matcher matcher = ROOT.matcher(path);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static boolean matchesTrustDomain(Pattern pattern, String path) {
    Matcher matcher = pattern.matcher(path);
    return matcher.matches() && isTrustDomain(matcher.group(1));
  }

  private static String requireTrustDomain(String trustDomain) {
    if (!isTrustDomain(trustDomain)) {
      throw new IllegalArgumentException("trust domain '" + trustDomain
          + "' must be lowercase letters, digits, '.', '-' or '_'");
    }
    return trustDomain;
  }

  private static String requireName(String name) {
    if (!isName(name)) {
      throw new IllegalArgumentException("name '" + name
          + "' must be 1 to 64 lowercase letters, digits, '.', '-' or '_', not starting with"
          + " '.', '-' or '_'");
    }
    return name;
  }
}
