package org.anchorhold.ceremony.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index of a CA state directory, stored as {@code state.json}: every root and what later
 * ceremonies record beside them. Immutable; each change makes a new value.
 */
public record State(int format, List<RootRecord> roots) {
  /** The only format this version reads and writes. */
  public static final int FORMAT = 1;

  public State {
    roots = roots == null ? List.of() : List.copyOf(roots);
  }

  /** A state with no roots yet. */
  public static State empty() {
    return new State(FORMAT, List.of());
  }

  /** The root with this name. */
  public Optional<RootRecord> root(String name) {
    return roots.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** This state with one more root. */
  public State withRoot(RootRecord root) {
    List<RootRecord> updated = new ArrayList<>(roots);
    updated.add(root);
    return new State(format, updated);
  }
}
