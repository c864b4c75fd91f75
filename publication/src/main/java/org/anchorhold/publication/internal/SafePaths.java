package org.anchorhold.publication.internal;

/** Checks of relative publication paths before they touch a file system or a URL. */
public final class SafePaths {
  private SafePaths() {}

  /**
   * Refuses anything but a relative path of non-empty segments of safe characters, without
   * {@code .} or {@code ..} segments.
   */
  public static String requireRelative(String path) {
    if (path == null || path.isEmpty() || path.length() > 512) {
      throw new IllegalArgumentException("path must be 1 to 512 characters");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
          || c == '_' || c == '/';
      if (!ok) {
        throw new IllegalArgumentException("path '" + printable(path)
            + "' holds a character other than a-z, 0-9, '.', '-', '_' and '/'");
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("path '" + path
            + "' has an empty, '.' or '..' segment");
      }
    }
    return path;
  }

  private static String printable(String path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length() && i < 80; i++) {
      char c = path.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }
}
