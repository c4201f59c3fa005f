package dev.crashtest.fakes.model.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The connection closes mid-answer. A streamed answer sends its first {@code chunks} events, each in its own
 * write, and no {@code data: [DONE]}; a plain answer sends half of its JSON. Both announce a
 * {@code Content-Length} longer than what is sent, so the server closes the connection once it has written the
 * rest: the client sees a status of 200, some data, then an end of stream before the announced length, the
 * way a dropped connection to a real provider looks.
 *
 * @param chunks how many events of a stream get through; 0 cuts right after the headers
 */
public record StreamCutFault(int chunks) implements FaultKind {
  static final String NAME = "stream_cut";
  static final FaultType TYPE = FaultType.of(NAME, List.of("chunks"),
      fields -> new StreamCutFault(fields.smallInteger("chunks")));
  /** Pause before each event that gets through, so the client reads them as a stream before the cut. */
  static final int CHUNK_MILLIS = 5;

  public StreamCutFault {
    if (chunks < 0) {
      throw new InvalidFaultException(NAME, "chunks", chunks + " is negative; use 0 to cut right after the headers");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> wireFields() {
    return Map.of("chunks", chunks);
  }

  @Override
  public String describe() {
    return "connection cut after " + chunks + (chunks == 1 ? " chunk" : " chunks") + " without [DONE] "
        + "(plain answers: mid-body)";
  }

  @Override
  public boolean apply(ChatAnswer answer) {
    if (!answer.stream()) {
      byte[] whole = ChatAnswer.utf8(answer.json());
      byte[] sent = Arrays.copyOf(whole, whole.length / 2);
      answer.broken(sent, ChatAnswer.JSON, "the connection was cut after " + sent.length + " of " + whole.length
          + " bytes");
      answer.declareLength(whole.length);
      return true;
    }
    List<String> events = answer.events();
    int through = Math.min(chunks, events.size());
    byte[] sent = through == 0 ? new byte[0] : SseFrames.equalLength(events.subList(0, through));
    long rest = ChatAnswer.utf8(String.join("", events.subList(through, events.size()))
        + CompletionRenderer.DONE).length;
    answer.broken(sent, ChatAnswer.SSE, "the stream was cut after " + through + " of " + events.size()
        + " chunks, without [DONE]");
    answer.declareLength(sent.length + rest);
    answer.dribble(sent, through, CHUNK_MILLIS);
    answer.detail("chunks", through);
    return true;
  }
}
