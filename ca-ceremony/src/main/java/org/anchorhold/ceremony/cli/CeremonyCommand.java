package org.anchorhold.ceremony.cli;

/** Placeholder entry point while the skeleton builds. */
public final class CeremonyCommand {
  public static void main(String[] args) {
    System.exit(0);
  }
}
