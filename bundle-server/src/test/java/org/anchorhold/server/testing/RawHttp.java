package org.anchorhold.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP/1.x client that sends exact bytes, so tests can send what no client library would. */
public final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /**
   * One parsed response.
   *
   * @param status the status code, or -1 when the connection closed before a status line
   * @param statusLine the whole status line
   * @param headers every header, names lowercased, values in order
   * @param body the body bytes (empty for HEAD, 304 and closed connections)
   */
  public record Response(int status, String statusLine, Map<String, List<String>> headers,
      byte[] body) {

    /** The single value of a header, or null; fails when it appears more than once. */
    public String header(String name) {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      if (values.size() > 1) {
        throw new AssertionError("header " + name + " appears " + values.size() + " times");
      }
      return values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header. */
    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server closed without answering. */
    public boolean closed() {
      return status == -1;
    }
  }

  /** Sends {@code request} on a new plain connection and reads one response. */
  public static Response send(InetSocketAddress address, String request) throws IOException {
    return send(address, request.getBytes(StandardCharsets.ISO_8859_1),
        request.startsWith("HEAD "), 1).get(0);
  }

  /**
   * Sends {@code request} and reads up to {@code count} responses; a closed connection ends the
   * list with a {@link Response#closed()} entry.
   */
  public static List<Response> send(InetSocketAddress address, byte[] request, boolean head,
      int count) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      return exchange(socket, request, head, count);
    }
  }

  /** Writes {@code request} to an open socket and reads up to {@code count} responses. */
  public static List<Response> exchange(Socket socket, byte[] request, boolean head, int count)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    try {
      out.write(request);
      out.flush();
    } catch (IOException e) {
      // The server may close before reading everything (a limit was hit); read what it said.
    }
    InputStream in = socket.getInputStream();
    List<Response> responses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Response response = read(in, head);
      responses.add(response);
      if (response.closed()) {
        break;
      }
    }
    return responses;
  }

  /** Reads one response from {@code in}. */
  public static Response read(InputStream in, boolean head) throws IOException {
    String statusLine;
    try {
      statusLine = line(in);
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      statusLine = null;
    }
    if (statusLine == null || statusLine.isEmpty()) {
      return new Response(-1, "", Map.of(), new byte[0]);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    byte[] body = new byte[0];
    List<String> length = headers.get("content-length");
    if (!head && status != 304 && status != 204 && length != null) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    }
    return new Response(status, statusLine, headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      bytes.write(b);
    }
    return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
