package org.anchorhold.ceremony.cert;

import org.anchorhold.ceremony.config.SubjectSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Distinguished names from ceremony files, encoded as RFC 5280 §4.1.2.4 recommends. */
public final class SubjectNames {
  private SubjectNames() {}

  /** The name in the order C, O, OU, CN; C as PrintableString, the rest as UTF8String. */
  public static X500Name of(SubjectSpec spec) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (spec.country() != null) {
      builder.addRDN(BCStyle.C, spec.country());
    }
    if (spec.organization() != null) {
      builder.addRDN(BCStyle.O, spec.organization());
    }
    if (spec.organizationalUnit() != null) {
      builder.addRDN(BCStyle.OU, spec.organizationalUnit());
    }
    builder.addRDN(BCStyle.CN, spec.commonName());
    return builder.build();
  }
}
