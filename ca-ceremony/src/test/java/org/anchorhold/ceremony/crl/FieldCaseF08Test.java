package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.anchorhold.ceremony.config.CrlSpec;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F08: the CRL is linked to its root by issuer bytes and AKI; a root without cRLSign refuses. */
@DisplayName("F08 CRL to issuer linkage")
class FieldCaseF08Test {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path directory;

  @Test
  @DisplayName("F08 the CRL's AKI keyIdentifier is the root's SKI and its issuer the root's bytes")
  void crl_akiIsRootSki_andIssuerBytesAreRootSubject() throws Exception {
    SoftwareCa ca = SoftwareCa.create(directory.resolve("state"),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"), true);

    CrlDraft.Signed signed = ca.crl(NOW);

    byte[] ski = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ca.root()
        .getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets())
        .getKeyIdentifier();
    AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString
        .getInstance(signed.crl().getExtensionValue(Extension.authorityKeyIdentifier.getId()))
        .getOctets());
    assertThat(aki.getKeyIdentifierOctets()).isEqualTo(ski);
    assertThat(aki.getAuthorityCertIssuer()).isNull();
    assertThat(aki.getAuthorityCertSerialNumber()).isNull();
    assertThat(signed.crl().getIssuerX500Principal().getEncoded())
        .isEqualTo(ca.root().getSubjectX500Principal().getEncoded());
    assertThat(signed.crl().getVersion()).isEqualTo(2);
    signed.crl().verify(ca.root().getPublicKey());
  }

  @Test
  @DisplayName("F08 a root whose keyUsage lacks cRLSign is refused with a clear error")
  void root_withoutCrlSign_isRefusedBeforeSigning() throws Exception {
    SoftwareCa ca = SoftwareCa.create(directory.resolve("state"),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"), false);

    assertThatThrownBy(() -> ca.draft(CrlSpec.defaults(), Optional.empty(), NOW))
        .isInstanceOf(CrlException.class)
        .hasMessage("root 'root-test' cannot sign CRLs: its keyUsage lacks cRLSign, so it may "
            + "not sign CRLs (RFC 5280 §4.2.1.3); relying parties would reject its CRL");
    assertThat(Files.exists(ca.directory().resolve("crls"))).isFalse();
  }
}
