package org.anchorhold.ceremony.intermediate;

import java.nio.file.Path;

/**
 * The SPIRE server configuration an issuer pastes (PROFILES.md, SPIRE disk UpstreamAuthority):
 * {@code cert_file_path} is the chain without the root, {@code bundle_file_path} the roots only,
 * {@code key_file_path} the issuer's own key, which never reaches a ceremony. The paths are on
 * the SPIRE host, where {@code bundle-server fetch} writes the two files; the comments name the
 * fetch options and the files this ceremony wrote, for an issuer that copies them instead.
 */
final class SpireSnippet {
  /** Where the runbooks put an issuer's upstream files on its SPIRE host. */
  private static final String HOST_DIRECTORY = "/etc/spire/upstream/";

  private SpireSnippet() {}

  static String disk(String trustDomain, Path chain, Path bundle) {
    return String.join("\n",
        "server {",
        "    trust_domain = \"" + trustDomain + "\"",
        "}",
        "plugins {",
        "    UpstreamAuthority \"disk\" {",
        "        plugin_data {",
        "            # fetch --cert-file, or a copy of " + chain,
        "            cert_file_path = \"" + HOST_DIRECTORY + "chain.pem\"",
        "            # fetch --bundle-file, or a copy of " + bundle,
        "            bundle_file_path = \"" + HOST_DIRECTORY + "bundle.pem\"",
        "            # the issuer's own key, beside its CSR; it never leaves the SPIRE host",
        "            key_file_path = \"" + HOST_DIRECTORY + "key.pem\"",
        "        }",
        "    }",
        "}",
        "");
  }
}
