package dev.crashtest.fakes.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each toxic as a pure function of arrivals and a clock: what leaves, and when. */
class StagesTest {
  private static final long MS = 1_000_000L;

  @Test
  void latency_releases_each_chunk_its_latency_after_arrival_in_parallel() {
    Stage stage = stage("{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");
    stage.accept(data(3, 0), 0);
    stage.accept(data(4, 10 * MS), 10 * MS);

    assertThat(stage.poll(99 * MS)).as("before 100 ms").isNull();
    assertThat(stage.poll(100 * MS).length()).as("first chunk at 100 ms").isEqualTo(3);
    assertThat(stage.deadline()).as("second chunk due").isEqualTo(110 * MS);
    assertThat(stage.poll(110 * MS).length()).as("second chunk at 110 ms").isEqualTo(4);
  }

  @Test
  void latency_jitter_stays_within_plus_or_minus_jitter() {
    Stage stage = stage("{\"type\":\"latency\",\"attributes\":{\"latency\":100,\"jitter\":20}}");
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long arrival = i * 1000 * MS;
      stage.accept(data(1, arrival), arrival);
      delays.add((stage.deadline() - arrival) / MS);
      stage.poll(Long.MAX_VALUE - 1);
    }

    assertThat(delays).as("delays in ms").hasSize(50).allMatch(d -> d >= 80 && d < 120);
    assertThat(delays.stream().distinct().count()).as("distinct delays").isGreaterThan(10);
  }

  @Test
  void bandwidth_spreads_a_large_chunk_in_100_ms_slices() {
    Stage stage = stage("{\"type\":\"bandwidth\",\"attributes\":{\"rate\":10}}"); // 1,000 bytes per 100 ms
    stage.accept(data(2_500, 0), 0);

    assertThat(drain(stage, 100 * MS)).as("by 100 ms").containsExactly(1_000);
    assertThat(drain(stage, 200 * MS)).as("by 200 ms").containsExactly(1_000);
    assertThat(drain(stage, 249 * MS)).as("by 249 ms").isEmpty();
    assertThat(drain(stage, 250 * MS)).as("by 250 ms").containsExactly(500);
  }

  @Test
  void bandwidth_zero_holds_data_until_updated() {
    Stage stage = stage("{\"type\":\"bandwidth\",\"attributes\":{\"rate\":0}}");
    stage.accept(data(10, 0), 0);

    assertThat(stage.poll(Long.MAX_VALUE - 1)).as("stalled chunk").isNull();

    stage.update(stage.spec().merge(Json.parse("{\"attributes\":{\"rate\":1}}")), 5 * MS);

    assertThat(drain(stage, 15 * MS)).as("10 bytes at 1 KB/s after the update").containsExactly(10);
  }

  @Test
  void slow_close_delays_only_the_end() {
    Stage stage = stage("{\"type\":\"slow_close\",\"attributes\":{\"delay\":300}}");
    stage.accept(data(5, 0), 0);
    stage.accept(Chunk.end(MS), MS);

    assertThat(drain(stage, MS)).as("data at once").containsExactly(5);
    assertThat(stage.poll(300 * MS)).as("end before 301 ms").isNull();
    assertThat(stage.poll(301 * MS).isEnd()).as("end at 301 ms").isTrue();
  }

  @Test
  void timeout_drops_data_and_ends_after_its_timeout() {
    Stage stage = stage("{\"type\":\"timeout\",\"attributes\":{\"timeout\":200}}");
    stage.accept(data(5, 0), 0);

    assertThat(stage.poll(199 * MS)).as("nothing before the timeout").isNull();
    assertThat(stage.poll(200 * MS).isEnd()).as("end at 200 ms").isTrue();
  }

  @Test
  void timeout_of_zero_hangs_until_removed_and_removal_ends_the_stream() {
    Stage stage = stage("{\"type\":\"timeout\",\"attributes\":{\"timeout\":0}}");
    stage.accept(data(5, 0), 0);

    assertThat(stage.deadline()).as("deadline while hanging").isEqualTo(Stage.NEVER);
    assertThat(stage.remove(MS)).as("what removal releases").singleElement().matches(Chunk::isEnd);
  }

  @Test
  void reset_peer_resets_its_timeout_after_the_first_data() {
    Stage stage = stage("{\"type\":\"reset_peer\",\"attributes\":{\"timeout\":50}}");
    stage.accept(data(5, 10 * MS), 10 * MS);

    assertThat(stage.poll(59 * MS)).as("before the timeout").isNull();
    Chunk reset = stage.poll(60 * MS);
    assertThat(reset.isEnd() && reset.isReset()).as("reset at 60 ms").isTrue();
  }

  @Test
  void slicer_cuts_a_chunk_into_pieces_spaced_by_its_delay() {
    Stage stage = stage(
        "{\"type\":\"slicer\",\"attributes\":{\"average_size\":10,\"size_variation\":4,\"delay\":1000}}");
    stage.accept(data(100, 0), 0);

    List<Integer> pieces = drain(stage, Long.MAX_VALUE - 1);

    assertThat(pieces.stream().mapToInt(Integer::intValue).sum()).as("bytes").isEqualTo(100);
    assertThat(pieces).as("piece sizes").hasSizeGreaterThanOrEqualTo(7).allMatch(size -> size >= 1 && size <= 14);
  }

  @Test
  void slicer_with_a_zero_average_does_not_recurse_forever() {
    Stage stage = stage("{\"type\":\"slicer\",\"attributes\":{\"average_size\":0}}");
    stage.accept(data(16, 0), 0);

    assertThat(drain(stage, Long.MAX_VALUE - 1)).as("pieces").hasSize(16);
  }

  @Test
  void limit_data_passes_the_limit_then_ends() {
    Stage stage = stage("{\"type\":\"limit_data\",\"attributes\":{\"bytes\":8}}");
    stage.accept(data(5, 0), 0);
    stage.accept(data(5, 0), 0);
    stage.accept(data(5, 0), 0);

    List<Chunk> out = new ArrayList<>();
    for (Chunk chunk = stage.poll(0); chunk != null; chunk = stage.poll(0)) {
      out.add(chunk);
    }
    assertThat(out).extracting(Chunk::length).as("lengths").containsExactly(5, 3, 0);
    assertThat(out.get(2).isEnd()).as("last is the end").isTrue();
  }

  @Test
  void toxicity_is_rolled_per_stage_with_the_seeded_random() {
    String body = "{\"type\":\"latency\",\"toxicity\":0.5,\"attributes\":{\"latency\":100}}";
    Random first = new Random(99);
    Random second = new Random(99);
    List<Boolean> rolls = new ArrayList<>();
    List<Boolean> again = new ArrayList<>();
    ToxicSpec spec = ToxicSpec.create(Json.parse(body));
    for (int i = 0; i < 20; i++) {
      rolls.add(ToxicType.LATENCY.newStage(spec, first, 0).active());
      again.add(ToxicType.LATENCY.newStage(spec, second, 0).active());
    }

    assertThat(rolls).as("rolls").contains(true, false).isEqualTo(again);
  }

  @Test
  void inactive_stage_passes_data_through() {
    Stage stage = stage("{\"type\":\"timeout\",\"toxicity\":0,\"attributes\":{\"timeout\":0}}");
    stage.accept(data(5, 0), 0);

    assertThat(drain(stage, 0)).as("data through an inactive timeout").containsExactly(5);
  }

  private static Stage stage(String body) {
    ToxicSpec spec = ToxicSpec.create(Json.parse(body));
    return spec.type().newStage(spec, new Random(1), 0);
  }

  private static Chunk data(int length, long time) {
    return Chunk.data(new byte[length], time);
  }

  private static List<Integer> drain(Stage stage, long now) {
    List<Integer> lengths = new ArrayList<>();
    for (Chunk chunk = stage.poll(now); chunk != null && lengths.size() < 10_000; chunk = stage.poll(now)) {
      lengths.add(chunk.length());
    }
    return lengths;
  }
}
