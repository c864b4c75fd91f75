package org.anchorhold.ceremony.config;

/**
 * The SPIFFE trust domain name rules (SPIFFE ID §2.1): lowercase letters, digits, '.', '-' and
 * '_', at most 255 characters, no scheme, port, path or user information.
 */
public final class TrustDomains {
  private TrustDomains() {}

  /** Returns the name if it is a valid trust domain, or throws naming the field. */
  public static String check(String field, String trustDomain) {
    if (trustDomain.startsWith("spiffe://")) {
      throw new ConfigProblem(field, "must be a bare trust domain name such as example.org, "
          + "without spiffe://");
    }
    if (trustDomain.isEmpty() || trustDomain.length() > 255
        || !trustDomain.matches("[a-z0-9._-]+")) {
      throw new ConfigProblem(field, "must be a SPIFFE trust domain name: lowercase letters, "
          + "digits, '.', '-' and '_', at most 255 characters");
    }
    if (trustDomain.startsWith(".") || trustDomain.endsWith(".") || trustDomain.contains("..")) {
      throw new ConfigProblem(field, "must not start or end with '.' or hold empty labels");
    }
    return trustDomain;
  }
}
