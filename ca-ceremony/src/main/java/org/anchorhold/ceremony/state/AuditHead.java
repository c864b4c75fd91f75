package org.anchorhold.ceremony.state;

/**
 * The last entry of the audit log as the index records it. The log's chain protects each line
 * only through the hash the next line holds, so the index anchors the last line itself: an
 * edit of the last entry, or a log cut short, no longer matches.
 *
 * @param seq the entry's {@code seq}, which is also the number of lines in the log
 * @param sha256 the SHA-256 of the entry's line, lowercase hexadecimal, as the next entry's
 *     {@code prev} will hold it
 */
public record AuditHead(long seq, String sha256) {
  /**
   * The transcript's line for the entry a ceremony wrote; the next ceremony's transcript names
   * the same entry and hash when it opens the state, so the paper records link up.
   */
  public String writtenLine() {
    return "audit log entry " + seq + " written, SHA-256 " + sha256;
  }
}
