package dev.crashtest.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code count} slices of a campaign's scenario × agent × try matrix, from {@code --shard index/count}: the
 * cells whose position in the campaign's order (agents, then scenarios, then tries, as the options list them) is
 * {@code index - 1} modulo {@code count}. Every cell is in exactly one shard, and a cell's seed is its try's seed
 * whatever shard runs it, so the shards' reports merge into the report of the whole campaign.
 *
 * <pre>{@code
 * Shard shard = Shard.parse("2/3");
 * shard.slice(List.of("a", "b", "c", "d", "e"));   // [b, e]
 * }</pre>
 */
record Shard(int index, int count) {
  static final int MAX_COUNT = 1000;

  Shard {
    if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
      throw new IllegalArgumentException("--shard takes i/n with 1 <= i <= n <= " + MAX_COUNT + ", got ["
          + index + "/" + count + "]; for example: --shard 1/2");
    }
  }

  /**
   * Reads {@code i/n}, e.g. {@code 1/2}.
   *
   * @throws IllegalArgumentException naming the bad value, with an example
   */
  static Shard parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
    if (parts.length != 2 || !parts[0].matches("[0-9]{1,4}") || !parts[1].matches("[0-9]{1,4}")) {
      throw new IllegalArgumentException("--shard takes i/n with 1 <= i <= n <= " + MAX_COUNT + ", got [" + text
          + "]; for example: --shard 1/2");
    }
    return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
  }

  /** Whether the cell at {@code position} (from 0) of the campaign's order is this shard's. */
  boolean owns(int position) {
    return position % count == index - 1;
  }

  /** This shard's cells of {@code cells}, in their order. */
  <T> List<T> slice(List<T> cells) {
    List<T> mine = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      if (owns(i)) {
        mine.add(cells.get(i));
      }
    }
    return mine;
  }

  /** {@code 1/2}. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
