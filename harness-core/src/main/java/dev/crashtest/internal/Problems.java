package dev.crashtest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The problems found in one file, each placed at the line and column of the field it is about: {@code
 * incident.yaml:14:7: faults[1].when.committed: unknown operation [crm.place_ordr]; …}. Not API.
 */
public final class Problems {
  private record Problem(int line, int column, String path, String message) {
  }

  private final String source;
  private final Map<String, int[]> marks;
  private final List<Problem> found = new ArrayList<>();

  /**
   * @param marks the 1-based line and column of every field, by path; a key's own mark under {@code path + "#key"}
   */
  public Problems(String source, Map<String, int[]> marks) {
    this.source = source;
    this.marks = marks;
  }

  /** A problem with the field at {@code path} (e.g. {@code faults[1].when}), placed on its key when it has one. */
  public void add(String path, String message) {
    int[] mark = markOf(path);
    found.add(new Problem(mark[0], mark[1], path, message));
  }

  /** A problem with the file as a whole (no field), e.g. YAML that does not parse. */
  public void addAt(int line, int column, String message) {
    found.add(new Problem(line, column, "", message));
  }

  /** Problems at or under the field at {@code path}. */
  public At at(String path) {
    return new At(path);
  }

  public boolean any() {
    return !found.isEmpty();
  }

  /** Whether a problem was already found at or under {@code path}. */
  public boolean anyUnder(String path) {
    return found.stream().anyMatch(p -> path.isEmpty() || p.path.equals(path) || p.path.startsWith(path + ".")
        || p.path.startsWith(path + "["));
  }

  /** One line each, by line and column, duplicates dropped. */
  public List<String> lines() {
    return found.stream().sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
        .map(p -> source + ":" + p.line + ":" + p.column + ": " + (p.path.isEmpty() ? "" : p.path + ": ") + p.message)
        .distinct().toList();
  }

  private int[] markOf(String path) {
    String at = path;
    while (true) {
      int[] mark = marks.getOrDefault(at + "#key", marks.get(at));
      if (mark != null) {
        return mark;
      }
      if (at.isEmpty()) {
        return new int[] {1, 1};
      }
      at = parent(at);
    }
  }

  public static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  public static String child(String path, String field) {
    return field.isEmpty() ? path : path.isEmpty() ? field : path + "." + field;
  }

  /** Problems about one part of the file, fields named relative to it. */
  public final class At {
    private final String base;

    At(String base) {
      this.base = base;
    }

    public void problem(String field, String message) {
      add(child(base, field), message);
    }
  }
}
