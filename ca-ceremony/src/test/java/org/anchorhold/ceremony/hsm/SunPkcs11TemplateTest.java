package org.anchorhold.ceremony.hsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The annotated template in hsm-config/ says exactly what the code configures. */
class SunPkcs11TemplateTest {

  private static List<String> attributeLines(String config) {
    return config.lines()
        .map(String::strip)
        .filter(line -> line.startsWith("CKA_") || line.startsWith("attributes("))
        .toList();
  }

  @Test
  void annotatedTemplate_matchesTheGeneratedConfiguration() throws Exception {
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    String documented = Files.readString(repo.resolve("hsm-config/sunpkcs11-template.cfg"));
    String generated = SunPkcs11.generationTemplate("root-2026", new byte[] {0x11, 0x22});
    List<String> expected = attributeLines(documented.replace("${label}", "0h726f6f742d32303236")
        .replace("${id}", "0h1122"));
    assertThat(attributeLines(generated)).containsExactlyInAnyOrderElementsOf(expected);
  }
}
