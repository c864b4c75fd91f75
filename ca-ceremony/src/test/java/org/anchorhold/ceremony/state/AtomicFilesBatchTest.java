package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesBatchTest {
  @TempDir
  Path directory;

  @Test
  void batch_writesEveryFileInNewNestedDirectoriesAndLeavesNoTemporary() throws Exception {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      files.put(directory.resolve("issuers/issuer-" + i + "/0a" + i + "/chain.pem"),
          ("chain " + i).getBytes());
    }
    files.put(directory.resolve("issued/0a.pem"), "issued".getBytes());

    AtomicFiles.createNewAll(files);

    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      assertThat(file.getKey()).hasBinaryContent(file.getValue());
    }
    try (Stream<Path> all = Files.walk(directory)) {
      assertThat(all.filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
    }
  }

  @Test
  void batch_filesOfEqualContentShareOneInodeAndOthersDoNot() throws Exception {
    Path chain = directory.resolve("issuers/a/0a/chain.pem");
    Path issued = directory.resolve("issued/0a.pem");
    Path bundleA = directory.resolve("issuers/a/0a/bundle.pem");
    Path bundleB = directory.resolve("issuers/b/0b/bundle.pem");
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(issued, "intermediate".getBytes());
    files.put(chain, "intermediate".getBytes());
    files.put(bundleA, "roots".getBytes());
    files.put(bundleB, "roots".getBytes());

    AtomicFiles.createNewAll(files);

    assertThat(Files.isSameFile(issued, chain)).isTrue();
    assertThat(Files.isSameFile(bundleA, bundleB)).isTrue();
    assertThat(Files.isSameFile(issued, bundleA)).isFalse();
    assertThat(bundleB).hasContent("roots");
    assertThat(Files.getAttribute(bundleB, "unix:nlink")).isEqualTo(2);
  }

  @Test
  void batch_neverOverwritesAnExistingFile() throws Exception {
    Path existing = Files.writeString(directory.resolve("issued.pem"), "old");
    Map<Path, byte[]> files = Map.of(existing, "new".getBytes());

    assertThatThrownBy(() -> AtomicFiles.createNewAll(files))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("already exists and is never overwritten");
    assertThat(existing).hasContent("old");
    try (Stream<Path> all = Files.list(directory)) {
      assertThat(all).containsExactly(existing);
    }
  }
}
