package org.anchorhold.ceremony.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.anchorhold.ceremony.run.OnInterrupt;
import org.anchorhold.ceremony.state.IoReasons;

/**
 * A copy of everything a ceremony prints on standard error (the transcript, the witness prompts
 * and their answers, and a failure), kept in a new file for printing and signing. The terminal
 * stays the ceremony's own, so a console PIN can still be typed: piping standard error through
 * {@code tee} would take the terminal away from the JVM. The file is created new, never over an
 * existing one, and synced to disk when the ceremony ends.
 */
final class TranscriptCopy implements AutoCloseable {
  private final FileChannel channel;
  private final Writer file;
  private final PrintWriter both;
  private final PrintWriter fileOnly;
  private final OnInterrupt interrupted;

  private TranscriptCopy(FileChannel channel, PrintWriter terminal) {
    this.channel = channel;
    this.file = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
    this.both = new PrintWriter(new Tee(terminal, file), true);
    this.fileOnly = new PrintWriter(file, true);
    this.interrupted = OnInterrupt.register(this::recordInterruption);
  }

  /** Creates the file, which must not exist, beside what the terminal shows. */
  static TranscriptCopy create(Path path, PrintWriter terminal) throws IOException {
    try {
      return new TranscriptCopy(FileChannel.open(path, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), terminal);
    } catch (IOException e) {
      throw new IOException("cannot create the transcript '" + path + "': "
          + IoReasons.reason(e), e);
    }
  }

  /** Writes to the terminal and the file. */
  PrintWriter both() {
    return both;
  }

  /** Writes to the file alone: what the terminal already shows, such as a typed answer. */
  PrintWriter fileOnly() {
    return fileOnly;
  }

  /** Flushes and syncs the file, then closes it; the terminal stays open. */
  @Override
  public void close() throws IOException {
    interrupted.cancel();
    both.flush();
    file.flush();
    channel.force(true);
    channel.close();
  }

  /**
   * A signal stopped the JVM: the record says so on a line of its own (a prompt may have left
   * the last line open), and whatever the shutdown hooks still print follows it.
   */
  private void recordInterruption() {
    both.println();
    both.println("interrupted: a signal stopped the ceremony at this point");
    try {
      file.flush();
      channel.force(true);
    } catch (IOException e) {
      // The JVM is stopping; the terminal already shows the line.
    }
  }

  /** A writer that writes each character to two others. */
  private static final class Tee extends Writer {
    private final Writer first;
    private final Writer second;

    Tee(Writer first, Writer second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(char[] text, int offset, int length) throws IOException {
      first.write(text, offset, length);
      second.write(text, offset, length);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
