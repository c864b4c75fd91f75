package org.anchorhold.server.serve;

import java.nio.file.Path;

/** Loads and verifies the publication in one directory, as {@code fetch} would verify it. */
public interface PublicationLoader {

  /**
   * Reads and verifies every file of the publication in {@code directory}.
   *
   * @throws PublicationRefusedException with a one-line reason when anything fails
   */
  LoadedPublication load(Path directory) throws PublicationRefusedException;
}
