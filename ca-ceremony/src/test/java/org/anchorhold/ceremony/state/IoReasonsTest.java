package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class IoReasonsTest {
  @Test
  void failureWithThePathAlone_isWordedByItsKind() {
    assertThat(IoReasons.describe(new AccessDeniedException("/state/issued/0a.pem")))
        .isEqualTo("'/state/issued/0a.pem': permission denied");
    assertThat(IoReasons.describe(new NotDirectoryException("/state/issuers/aws-east")))
        .isEqualTo("'/state/issuers/aws-east': not a directory");
  }

  @Test
  void temporaryFile_isNamedByItsDirectory() {
    assertThat(IoReasons.describe(new AccessDeniedException(
        "/state/issued/.0a.pem.tmp-5f1c2d3e-0000-4000-8000-000000000000")))
        .isEqualTo("'/state/issued': permission denied");
  }

  @Test
  void reasonTheSystemGave_isKept_andOtherFailuresKeepTheirMessage() {
    assertThat(IoReasons.describe(new FileSystemException("/state", null,
        "Read-only file system"))).isEqualTo("'/state': Read-only file system");
    assertThat(IoReasons.describe(new IOException("disk on fire")))
        .isEqualTo("disk on fire");
  }
}
