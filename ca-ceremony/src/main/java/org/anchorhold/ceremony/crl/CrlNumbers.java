package org.anchorhold.ceremony.crl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.StateException;
import org.anchorhold.ceremony.state.State;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The next CRL number of a root: one more than the largest number the root ever used, taken from
 * the state's index and from the CRL files actually present in the state directory (a ceremony
 * that stopped after writing its CRL but before updating the index leaves one), so a number is
 * never used twice (RFC 5280 §5.2.3, field case F10).
 */
public final class CrlNumbers {
  /** What a refusal of the state's CRL files tells the officer. */
  private static final String CHANGED = "; the state's CRL files were changed: restore the state "
      + "from its backup";

  /** Final CRL file names in {@code crls/<root>/}: the decimal CRL number. */
  private static final Pattern FILE = Pattern.compile("([1-9][0-9]{0,48})\\.crl");

  private CrlNumbers() {}

  /** The directory, relative to the state, holding a root's CRLs. */
  public static String directory(String root) {
    return "crls/" + root;
  }

  /** The DER file of a root's CRL with this number, relative to the state. */
  public static String derFile(String root, BigInteger number) {
    return directory(root) + "/" + number + ".crl";
  }

  /** The PEM file beside it. */
  public static String pemFile(String root, BigInteger number) {
    return directory(root) + "/" + number + ".pem";
  }

  /** The largest number in the state's index for this root, or zero. */
  public static BigInteger lastInIndex(State state, String root) {
    return state.crlsOf(root).stream().map(CrlRecord::number)
        .max(BigInteger::compareTo).orElse(BigInteger.ZERO);
  }

  /**
   * The largest number among the root's CRL files in the state directory, or zero; the file with
   * that name must hold a CRL with that number. A file that does not is a fault of the state, not
   * of the ceremony file: it is refused as a {@link StateException}.
   */
  public static BigInteger lastOnDisk(Path stateDirectory, String root) throws StateException {
    Path directory = stateDirectory.resolve(directory(root));
    if (!Files.isDirectory(directory)) {
      return BigInteger.ZERO;
    }
    BigInteger last = BigInteger.ZERO;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher name = FILE.matcher(file.getFileName().toString());
        if (name.matches()) {
          last = last.max(new BigInteger(name.group(1)));
        }
      }
    } catch (IOException e) {
      throw new StateException("cannot list '" + directory + "': " + IoReasons.describe(e), e);
    }
    if (last.signum() > 0) {
      Path file = directory.resolve(last + ".crl");
      BigInteger inside;
      try {
        inside = number(read(file, "CRL file")).orElseThrow(() -> new CrlException("CRL file '"
            + file + "' has no cRLNumber"));
      } catch (CrlException e) {
        throw new StateException(e.getMessage() + CHANGED, e);
      }
      if (!inside.equals(last)) {
        throw new StateException("CRL file '" + file + "' holds cRLNumber " + inside
            + ", not the number in its name" + CHANGED);
      }
    }
    return last;
  }

  /** The number after {@code last}, if it still fits in 20 octets. */
  public static BigInteger after(BigInteger last, String root) throws CrlException {
    BigInteger next = last.add(BigInteger.ONE);
    if (next.compareTo(CrlProfile.MAX_NUMBER) > 0) {
      throw new CrlException("root '" + root + "' has used every CRL number that fits in 20 "
          + "octets (RFC 5280 §5.2.3)");
    }
    return next;
  }

  /** The cRLNumber of a CRL, if it has one. */
  public static Optional<BigInteger> number(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(CRLNumber.getInstance(ASN1OctetString.getInstance(value).getOctets())
        .getCRLNumber());
  }

  /** Reads a DER or PEM CRL file with the JDK's parser. */
  static X509CRL read(Path file, String what) throws CrlException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return (X509CRL) CertificateFactory.getInstance("X.509")
          .generateCRL(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new CrlException("cannot read " + what + " '" + file + "': "
          + IoReasons.describe(e), e);
    } catch (CRLException | CertificateException | RuntimeException e) {
      throw new CrlException(what + " '" + file + "' is not a CRL: " + e.getMessage(), e);
    }
  }
}
