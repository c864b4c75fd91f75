package org.anchorhold.server.cli;

/** Placeholder entry point while the skeleton builds. */
public final class BundleServerCommand {
  public static void main(String[] args) {
    System.exit(0);
  }
}
