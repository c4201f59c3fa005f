package dev.crashtest.fakes.mcp.internal;

import jakarta.servlet.AsyncContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions the front knows of, apart from the SDK's own table: which ids the SDK handed out and the server still
 * honours, and which have an open GET stream (where notifications go). Forgetting is the front's doing: a forgotten
 * id gets 404 before the SDK sees it, and its stream is closed, which is all a client can observe of a lost session.
 */
final class Sessions {
  private final Set<String> live = ConcurrentHashMap.newKeySet();
  private final Map<String, AsyncContext> streams = new ConcurrentHashMap<>();

  void started(String sessionId) {
    live.add(sessionId);
  }

  boolean isLive(String sessionId) {
    return live.contains(sessionId);
  }

  void closed(String sessionId) {
    live.remove(sessionId);
    AsyncContext stream = streams.remove(sessionId);
    complete(stream);
  }

  void streamOpened(String sessionId, AsyncContext stream) {
    AsyncContext previous = streams.put(sessionId, stream);
    if (previous != null && previous != stream) {
      complete(previous);
    }
  }

  void streamEnded(String sessionId, AsyncContext stream) {
    streams.remove(sessionId, stream);
  }

  /** The sessions with an open GET stream now: those a notification reaches. */
  List<String> withOpenStream() {
    return streams.keySet().stream().filter(live::contains).sorted().toList();
  }

  /** Forgets every session and closes their streams; returns how many there were. */
  int forgetAll() {
    int count = live.size();
    live.clear();
    streams.values().forEach(Sessions::complete);
    streams.clear();
    return count;
  }

  private static void complete(AsyncContext stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.complete();
    } catch (IllegalStateException alreadyDone) {
      // the client went away first: nothing left to close
    }
  }
}
