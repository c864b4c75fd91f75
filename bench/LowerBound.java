import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A lower bound for bench/intermediates: the steps an intermediate ceremony cannot skip, done
 * with the same libraries and none of the ceremony's own code. It reads and verifies each CSR,
 * logs in to the token through SunPKCS11, builds each certificate with the issuer profile's
 * extensions, has the HSM sign it, verifies the signature in software, re-parses it with the JDK
 * and writes it as PEM. It uses every core, as the ceremony does: the CSRs are checked in
 * parallel, and each signature is verified and written while the HSM signs the next.
 *
 * <p>Left out, so the bound stays below any real ceremony: the ceremony file, the command line,
 * the profile lint, the state and audit log, fsync, the bundles and the transcript.
 *
 *   java -cp LOWER:ceremony.jar LowerBound MODULE SLOT_INDEX KEY_LABEL PIN_FILE ROOT_PEM
 *       BASE_URL OUT_DIR CSR_DIR_1 TRUST_DOMAIN_1 [CSR_DIR_2 TRUST_DOMAIN_2 ...]
 */
public final class LowerBound {
  private LowerBound() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      run(args, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void run(String[] args, ExecutorService pool) throws Exception {
    List<Future<PKCS10CertificationRequest>> checked = new ArrayList<>();
    List<String> trustDomains = new ArrayList<>();
    for (int i = 7; i + 1 < args.length; i += 2) {
      Path csr = Path.of(args[i], "csr.pem");
      checked.add(pool.submit(() -> checkedCsr(csr)));
      trustDomains.add(args[i + 1]);
    }
    X509CertificateHolder root = new X509CertificateHolder(pem(Path.of(args[4])));
    List<PKCS10CertificationRequest> csrs = new ArrayList<>();
    for (Future<PKCS10CertificationRequest> csr : checked) {
      csrs.add(csr.get());
    }

    Provider provider = Security.getProvider("SunPKCS11")
        .configure("--name=lowerbound\nlibrary=" + args[0] + "\nslotListIndex=" + args[1] + "\n");
    char[] pin = Files.readString(Path.of(args[3])).strip().toCharArray();
    KeyStore token = KeyStore.getInstance("PKCS11", provider);
    token.load(null, pin);
    PrivateKey key = (PrivateKey) token.getKey(args[2], null);
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA384withECDSA").setProvider(provider).build(key);

    AsymmetricKeyParameter rootKey = PublicKeyFactory.createKey(root.getSubjectPublicKeyInfo());
    Path out = Files.createDirectories(Path.of(args[6]));
    List<Future<?>> written = new ArrayList<>();
    for (int i = 0; i < csrs.size(); i++) {
      X509CertificateHolder signed =
          build(root, csrs.get(i), trustDomains.get(i), args[5]).build(signer);
      Path target = out.resolve(i + ".pem");
      written.add(pool.submit(() -> verifyAndWrite(signed, rootKey, target)));
    }
    for (Future<?> done : written) {
      done.get();
    }
  }

  private static PKCS10CertificationRequest checkedCsr(Path path) throws Exception {
    PKCS10CertificationRequest csr = new PKCS10CertificationRequest(pem(path));
    AsymmetricKeyParameter key = PublicKeyFactory.createKey(csr.getSubjectPublicKeyInfo());
    var verifiers = new BcECContentVerifierProviderBuilder(
        new DefaultDigestAlgorithmIdentifierFinder()).build(key);
    if (!csr.isSignatureValid(verifiers)) {
      throw new IllegalStateException("the CSR '" + path + "' has a bad signature");
    }
    return csr;
  }

  private static X509v3CertificateBuilder build(X509CertificateHolder root,
      PKCS10CertificationRequest csr, String trustDomain, String baseUrl) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(root.getSubject(),
        new BigInteger(127, new SecureRandom()).setBit(126), Date.from(now),
        Date.from(now.plus(Duration.ofDays(365))), new X500Name("CN=" + trustDomain),
        csr.getSubjectPublicKeyInfo());
    GeneralName spiffeId =
        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain);
    GeneralName host = new GeneralName(GeneralName.uniformResourceIdentifier, trustDomain);
    GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier,
        baseUrl + "/crls/bench-root.crl");
    byte[] rootKeyId = SubjectKeyIdentifier.fromExtensions(root.getExtensions())
        .getKeyIdentifier();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(Extension.subjectKeyIdentifier, false,
        new BcX509ExtensionUtils().createSubjectKeyIdentifier(csr.getSubjectPublicKeyInfo()));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        new AuthorityKeyIdentifier(rootKeyId));
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(spiffeId));
    builder.addExtension(Extension.nameConstraints, true,
        new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(host)}, null));
    builder.addExtension(Extension.cRLDistributionPoints, false,
        new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
            new DistributionPointName(new GeneralNames(crl)), null, null)}));
    return builder;
  }

  private static Void verifyAndWrite(X509CertificateHolder signed, AsymmetricKeyParameter rootKey,
      Path target) throws Exception {
    DSADigestSigner verifier = new DSADigestSigner(new ECDSASigner(), new SHA384Digest());
    verifier.init(false, rootKey);
    byte[] tbs = signed.toASN1Structure().getTBSCertificate().getEncoded();
    verifier.update(tbs, 0, tbs.length);
    if (!verifier.verifySignature(signed.getSignature())) {
      throw new IllegalStateException("the signature of '" + target + "' does not verify");
    }
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(signed.getEncoded()));
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(certificate.getEncoded());
    Files.writeString(target, "-----BEGIN CERTIFICATE-----\n" + body
        + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
    return null;
  }

  private static byte[] pem(Path path) throws Exception {
    try (PemReader reader = new PemReader(Files.newBufferedReader(path))) {
      return reader.readPemObject().getContent();
    }
  }
}
