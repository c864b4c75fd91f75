package org.anchorhold.server.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSource;

/**
 * A publication served over HTTPS under a base URL: {@code GET <base>/<path>}. No redirects,
 * only status 200, never an HTML body, a size cap per file, and timeouts on connect and on each
 * request.
 */
final class HttpsSource implements PublicationSource {
  private static final String[] TLS_VERSIONS = {"TLSv1.3", "TLSv1.2"};

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  HttpsSource(URI base, SSLContext tls, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.timeout = timeout;
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(TLS_VERSIONS);
    // RFC 6125: the server's certificate must name the host of the URL.
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .sslContext(tls)
        .sslParameters(parameters)
        .build();
  }

  @Override
  public byte[] read(String path) throws IOException {
    URI uri = base.resolve(path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("Accept", PublicationLayout.contentType(path).orElse("*/*"))
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("cannot fetch " + uri + ": " + reason, e);
    }
    try (InputStream body = response.body()) {
      return check(path, response, body);
    }
  }

  private static byte[] check(String path, HttpResponse<InputStream> response, InputStream body)
      throws IOException {
    int status = response.statusCode();
    if (status == 404) {
      throw new NoSuchFileException(path, null, "http 404");
    }
    if (status != 200) {
      throw new IOException("server answered http " + status + " instead of 200");
    }
    String type = response.headers().firstValue("Content-Type").orElse("")
        .toLowerCase(Locale.ROOT);
    if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
      throw new IOException("server answered with an html page");
    }
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    if (length.isPresent() && length.getAsLong() > PublicationLayout.MAX_FILE_SIZE) {
      throw new IOException("server announced " + length.getAsLong() + " bytes, more than "
          + PublicationLayout.MAX_FILE_SIZE);
    }
    byte[] content = body.readNBytes(PublicationLayout.MAX_FILE_SIZE + 1);
    if (content.length > PublicationLayout.MAX_FILE_SIZE) {
      throw new IOException("server sent more than " + PublicationLayout.MAX_FILE_SIZE
          + " bytes");
    }
    if (looksLikeHtml(content)) {
      throw new IOException("server answered with an html page");
    }
    return content;
  }

  /** Some hosts answer any path with an HTML page and status 200; none of our files is HTML. */
  static boolean looksLikeHtml(byte[] content) {
    int i = 0;
    while (i < content.length && (content[i] == ' ' || content[i] == '\n' || content[i] == '\r'
        || content[i] == '\t')) {
      i++;
    }
    return i < content.length && content[i] == '<';
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
