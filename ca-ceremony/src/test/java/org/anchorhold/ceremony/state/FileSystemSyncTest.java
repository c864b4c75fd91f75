package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class FileSystemSyncTest {
  @TempDir
  Path directory;

  @Test
  void linux_fromKernel58_syncsWholeFileSystems() {
    boolean recentKernel = FileSystemSync.kernelAtLeast(5, 8);

    assertThat(FileSystemSync.available().isPresent()).isEqualTo(recentKernel);
  }

  @Test
  void watch_syncsAFileSystemWithFilesWrittenSinceItOpened() throws IOException {
    assumeTrue(FileSystemSync.kernelAtLeast(5, 8), "syncfs reports errors from Linux 5.8");
    try (FileSystemSync.Watch watch = FileSystemSync.available().orElseThrow().watch(directory)) {
      Files.writeString(directory.resolve("issued.pem"), "certificate");

      watch.sync();
      watch.sync();
    }
  }

  @Test
  void watch_ofAMissingDirectory_namesIt() {
    assumeTrue(FileSystemSync.kernelAtLeast(5, 8), "syncfs reports errors from Linux 5.8");
    Path missing = directory.resolve("gone");

    assertThatThrownBy(() -> FileSystemSync.available().orElseThrow().watch(missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'" + missing + "'")
        .hasMessageContaining("errno 2");
  }
}
