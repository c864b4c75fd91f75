package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path directory;

  @Test
  void createNew_neverOverwritesAndLeavesNoTemporaryFile() throws Exception {
    Path target = directory.resolve("root.pem");
    AtomicFiles.createNew(target, "first".getBytes());
    assertThatThrownBy(() -> AtomicFiles.createNew(target, "second".getBytes()))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(target)).isEqualTo("first");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void replace_swapsTheWholeContent() throws Exception {
    Path target = directory.resolve("state.json");
    AtomicFiles.replace(target, "{\"a\":1}".getBytes());
    AtomicFiles.replace(target, "{\"a\":2}".getBytes());
    assertThat(Files.readString(target)).isEqualTo("{\"a\":2}");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void publishDirectory_refusesAnExistingTarget_evenAnEmptyOne() throws Exception {
    Path temporary = Files.createDirectory(directory.resolve(".state.tmp"));
    Path target = Files.createDirectory(directory.resolve("state"));
    assertThatThrownBy(() -> AtomicFiles.publishDirectory(temporary, target))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(temporary).exists();
  }
}
