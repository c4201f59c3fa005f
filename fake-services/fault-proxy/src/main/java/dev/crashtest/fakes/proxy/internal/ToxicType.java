package dev.crashtest.fakes.proxy.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The closed set of toxics Toxiproxy knows, with their attributes (all integers, in the order Toxiproxy prints
 * them) and the stage that applies each one to a connection.
 *
 * <pre>{@code
 * ToxicType.named("latency").orElseThrow().attributes(); // [latency, jitter]
 * }</pre>
 */
public enum ToxicType {
  NOOP("noop"),
  LATENCY("latency", "latency", "jitter"),
  BANDWIDTH("bandwidth", "rate"),
  SLOW_CLOSE("slow_close", "delay"),
  TIMEOUT("timeout", "timeout"),
  RESET_PEER("reset_peer", "timeout"),
  SLICER("slicer", "average_size", "size_variation", "delay"),
  LIMIT_DATA("limit_data", "bytes");

  private final String wireName;
  private final List<String> attributes;

  ToxicType(String wireName, String... attributes) {
    this.wireName = wireName;
    this.attributes = List.of(attributes);
  }

  /** The type by its API name, e.g. {@code slow_close}; case-sensitive as in Toxiproxy. */
  public static Optional<ToxicType> named(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
  }

  public String wireName() {
    return wireName;
  }

  public List<String> attributes() {
    return attributes;
  }

  /** A fresh per-connection stage for {@code spec}, started at {@code now}. */
  Stage newStage(ToxicSpec spec, Random random, long now) {
    return switch (this) {
      case NOOP -> new Stage.Noop(spec, random, now);
      case LATENCY -> new LatencyStage(spec, random, now);
      case BANDWIDTH -> new BandwidthStage(spec, random, now);
      case SLOW_CLOSE -> new SlowCloseStage(spec, random, now);
      case TIMEOUT -> new TimeoutStage(spec, random, now);
      case RESET_PEER -> new ResetPeerStage(spec, random, now);
      case SLICER -> new SlicerStage(spec, random, now);
      case LIMIT_DATA -> new LimitDataStage(spec, random, now);
    };
  }
}
