package dev.crashtest.fakes.model.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-sent events cut to equal byte lengths, so that WireMock's chunked dribble, which cuts a body into
 * even byte slices, delivers exactly one event per slice. Each event is padded with spaces inside its JSON,
 * right after {@code data: {}, which every JSON parser skips.
 *
 * <pre>{@code
 * byte[] body = SseFrames.equalLength(List.of("data: {\"a\":1}\n\n", "data: {}\n\n")); // 2 slices of 15 bytes
 * }</pre>
 */
final class SseFrames {
  private static final String DATA = "data: {";

  private SseFrames() {}

  /** The frames padded to the length of the longest, concatenated; every frame must start with {@code data: {}. */
  static byte[] equalLength(List<String> frames) {
    List<byte[]> encoded = new ArrayList<>();
    int longest = 0;
    for (String frame : frames) {
      if (!frame.startsWith(DATA)) {
        throw new IllegalArgumentException("an event to pad must start with [" + DATA + "], got [" + frame + "]");
      }
      byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
      encoded.add(bytes);
      longest = Math.max(longest, bytes.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(longest * frames.size());
    for (byte[] frame : encoded) {
      out.write(frame, 0, DATA.length());
      out.writeBytes(" ".repeat(longest - frame.length).getBytes(StandardCharsets.US_ASCII));
      out.write(frame, DATA.length(), frame.length - DATA.length());
    }
    return out.toByteArray();
  }

  /** The events with {@code data: [DONE]} joined to the last, so the last slice carries both. */
  static List<String> withDone(List<String> events) {
    List<String> frames = new ArrayList<>(events);
    int last = frames.size() - 1;
    frames.set(last, frames.get(last) + CompletionRenderer.DONE);
    return frames;
  }
}
