package org.anchorhold.ceremony.intermediate;

import java.nio.file.Path;

/**
 * The SPIRE server configuration an issuer pastes (PROFILES.md, SPIRE disk UpstreamAuthority):
 * {@code cert_file_path} is the chain without the root, {@code bundle_file_path} the roots only,
 * {@code key_file_path} the issuer's own key, which never reaches a ceremony.
 */
final class SpireSnippet {
  private SpireSnippet() {}

  static String disk(String trustDomain, Path chain, Path bundle) {
    return String.join("\n",
        "server {",
        "    trust_domain = \"" + trustDomain + "\"",
        "}",
        "plugins {",
        "    UpstreamAuthority \"disk\" {",
        "        plugin_data {",
        "            cert_file_path = \"" + chain + "\"",
        "            bundle_file_path = \"" + bundle + "\"",
        "            key_file_path = \"key.pem\"  # the issuer's own key, beside its CSR",
        "        }",
        "    }",
        "}",
        "");
  }
}
