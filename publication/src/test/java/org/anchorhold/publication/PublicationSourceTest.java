package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationSourceTest {
  @TempDir
  Path temp;

  @Test
  void directory_readsAFileBelowIt() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("pub/bundles"));
    Files.writeString(dir.resolve("a.json"), "{}");

    assertThat(PublicationSource.directory(temp.resolve("pub")).read("bundles/a.json"))
        .containsExactly('{', '}');
  }

  @Test
  void directory_refusesSymlinksBelowIt() throws Exception {
    Path pub = Files.createDirectories(temp.resolve("pub"));
    Files.writeString(temp.resolve("secret"), "x");
    Files.createSymbolicLink(pub.resolve("manifest.json"), temp.resolve("secret"));
    Files.createSymbolicLink(pub.resolve("bundles"), temp);

    PublicationSource source = PublicationSource.directory(pub);

    assertThatThrownBy(() -> source.read("manifest.json"))
        .isInstanceOf(FileSystemException.class).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> source.read("bundles/secret"))
        .isInstanceOf(FileSystemException.class).hasMessageContaining("symbolic link");
  }

  @Test
  void directory_refusesTraversalAndOddPaths() throws Exception {
    PublicationSource source = PublicationSource.directory(
        Files.createDirectories(temp.resolve("pub")));

    for (String path : List.of("../secret", "/etc/passwd", "bundles//a.json", "a\\b",
        "bundles/./a.json", "a\u0000b", "", "%2e%2e/secret", "Bundles/A.json")) {
      assertThatThrownBy(() -> source.read(path)).as(path)
          .isInstanceOf(FileSystemException.class);
    }
  }

  @Test
  void directory_reportsAMissingFileAsNoSuchFile() throws Exception {
    PublicationSource source = PublicationSource.directory(
        Files.createDirectories(temp.resolve("pub")));

    assertThatThrownBy(() -> source.read("manifest.json"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void directory_refusesAFileAboveTheSizeCap() throws Exception {
    Path pub = Files.createDirectories(temp.resolve("pub"));
    Files.write(pub.resolve("manifest.json"), new byte[PublicationLayout.MAX_FILE_SIZE + 1]);

    assertThatThrownBy(() -> PublicationSource.directory(pub).read("manifest.json"))
        .hasMessageContaining("is larger than");
  }
}
