package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrayFilesTest {
  @TempDir
  Path temporary;
  Path directory;

  @BeforeEach
  void createState() throws Exception {
    directory = temporary.resolve("state");
    StateDirectory.create(directory, Map.of("roots/root.pem", "root".getBytes()), State.empty(),
        TestStates.entry("test root"));
  }

  @Test
  void cleanState_hasNoStrays() throws Exception {
    assertThat(StrayFiles.warning(directory, StateDirectory.snapshot(directory))).isEmpty();
  }

  @Test
  void unrecordedIntermediatesAndTemporaries_areNamedInOneWarning() throws Exception {
    Files.createDirectories(directory.resolve("issued"));
    Files.writeString(directory.resolve("issued/0a.pem"), "signed, never recorded");
    Files.createDirectories(directory.resolve("issuers/aws-east/0a"));
    Files.writeString(directory.resolve("issuers/aws-east/0a/chain.pem"), "chain");
    Files.writeString(directory.resolve("issued/.0b.pem.tmp-1234"), "half written");

    State state = StateDirectory.snapshot(directory);

    assertThat(StrayFiles.find(directory, state)).containsExactlyInAnyOrder("issued/0a.pem",
        "issued/.0b.pem.tmp-1234", "issuers/aws-east/0a");
    assertThat(StrayFiles.warning(directory, state)).hasValueSatisfying(warning -> assertThat(
        warning).startsWith("3 file(s) in state '" + directory + "' belong to no record")
        .contains("issued/0a.pem", "move them out of the state"));
  }
}
