package org.anchorhold.ceremony.publish;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.anchorhold.ceremony.cert.PemFiles;
import org.anchorhold.ceremony.cert.RootProfile;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A minimal CRL signed in the HSM by a root key, for publication tests until the crl ceremony
 * exists: run as its own process so that SoftHSM2 reads the workspace's SOFTHSM2_CONF.
 *
 * <p>Arguments: a ceremony file (for its HSM profile), the root key label, the root PEM, the
 * output DER file, the CRL number.
 */
public final class HsmCrlFixture {
  private HsmCrlFixture() {}

  public static void main(String[] args) throws Exception {
    LoadedCeremony loaded = LoadedCeremony.load(Path.of(args[0]));
    X509Certificate root = PemFiles.certificate(Path.of(args[2]));
    KeyAlgorithm algorithm = KeyAlgorithm.of(root.getPublicKey()).orElseThrow();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
    X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
    builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(
        RootProfile.subjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(
            root.getPublicKey().getEncoded())).getKeyIdentifier()));
    builder.addExtension(Extension.cRLNumber, false, new CRLNumber(new BigInteger(args[4])));
    try (HsmSession hsm = HsmSession.open(loaded.hsm())) {
      HsmKey key = hsm.findKey(args[1]);
      hsm.requireMatches(key, root, algorithm);
      X509CRLHolder crl = builder.build(new JcaContentSignerBuilder(
          algorithm.signatureAlgorithm()).setProvider(key.provider()).build(key.privateKey()));
      Files.write(Path.of(args[3]), crl.getEncoded());
    }
  }
}
