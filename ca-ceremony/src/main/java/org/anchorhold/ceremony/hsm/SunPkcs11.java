package org.anchorhold.ceremony.hsm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidParameterException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds SunPKCS11 provider instances from a profile, in code: the configuration names the module
 * and the resolved slot, and for key generation the attribute template of
 * {@link KeyAttributePolicy} with the new key's label and ID.
 */
final class SunPkcs11 {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private SunPkcs11() {}

  static Provider configure(Path library, long slot, String extra) throws HsmException {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new HsmException("this JDK has no SunPKCS11 provider");
    }
    String config = "--name = Anchorhold" + INSTANCES.incrementAndGet() + "\n"
        + "library = \"" + library + "\"\n"
        + "slot = " + slot + "\n"
        + extra;
    try {
      return base.configure(config);
    } catch (InvalidParameterException | ProviderException e) {
      throw new HsmException("SunPKCS11 cannot use slot " + slot + " of PKCS#11 module '"
          + library + "': " + LoginFailures.rootMessage(e), e);
    }
  }

  /** The generation template for a key pair with this label and ID (PKCS#11 v2.40 §4.8-4.9). */
  static String generationTemplate(String label, byte[] id) {
    String labelHex = "0h" + HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8));
    String idHex = "0h" + HexFormat.of().formatHex(id);
    StringBuilder config = new StringBuilder();
    config.append("attributes(generate, CKO_PRIVATE_KEY, *) = {\n");
    for (Map.Entry<String, Boolean> entry : KeyAttributePolicy.GENERATION_TEMPLATE.entrySet()) {
      config.append("  ").append(entry.getKey()).append(" = ").append(entry.getValue())
          .append('\n');
    }
    config.append("  CKA_LABEL = ").append(labelHex).append('\n');
    config.append("  CKA_ID = ").append(idHex).append('\n');
    config.append("}\n");
    config.append("attributes(generate, CKO_PUBLIC_KEY, *) = {\n");
    config.append("  CKA_TOKEN = true\n  CKA_PRIVATE = false\n  CKA_VERIFY = true\n");
    config.append("  CKA_ENCRYPT = false\n  CKA_WRAP = false\n");
    config.append("  CKA_LABEL = ").append(labelHex).append('\n');
    config.append("  CKA_ID = ").append(idHex).append('\n');
    config.append("}\n");
    return config.toString();
  }
}
