package org.anchorhold.ceremony.state;

import java.util.List;

/**
 * Where an intermediate's files live in the state, relative to the state directory: the
 * certificate under {@code issued/}, and beside the issuer's other intermediates the files its
 * SPIRE server's disk UpstreamAuthority reads.
 *
 * @param issued {@code issued/<serial>.pem}, the intermediate
 * @param directory {@code issuers/<issuer>/<serial>}, the issuer's files for this intermediate
 * @param chain {@code cert_file_path}: the intermediate, no root
 * @param bundle {@code bundle_file_path}: the live roots
 */
public record IntermediateFiles(String issued, String directory, String chain, String bundle) {

  /** The files of the intermediate with this serial (lower-case hex) for this issuer. */
  public static IntermediateFiles of(String issuer, String serial) {
    String directory = "issuers/" + issuer + "/" + serial;
    return new IntermediateFiles("issued/" + serial + ".pem", directory,
        directory + "/chain.pem", directory + "/bundle.pem");
  }

  /** The three files, in the order they are written. */
  public List<String> files() {
    return List.of(issued, chain, bundle);
  }
}
