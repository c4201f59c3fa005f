package dev.crashtest.fakes.mcp.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The response the SDK writes a POST's SSE stream to, which a fault can cut: {@link #drop()} sends the status line and
 * headers, then closes the connection without a terminating chunk, while the SDK goes on writing into nothing (so it
 * keeps the session: a failed write would make it forget the session, which is another fault).
 */
final class DroppableResponse extends HttpServletResponseWrapper {
  private final HttpServletRequest request;
  private volatile boolean dropped;
  private PrintWriter writer;

  DroppableResponse(HttpServletRequest request, HttpServletResponse response) {
    super(response);
    this.request = request;
  }

  @Override
  public synchronized PrintWriter getWriter() throws IOException {
    if (writer == null) {
      PrintWriter real = super.getWriter();
      writer = new PrintWriter(new Writer() {
        @Override
        public void write(char[] chars, int offset, int length) {
          if (!dropped) {
            real.write(chars, offset, length);
          }
        }

        @Override
        public void flush() {
          if (!dropped) {
            real.flush();
          }
        }

        @Override
        public void close() {
          if (!dropped) {
            real.close();
          }
        }
      });
    }
    return writer;
  }

  /** Commits the headers (200, text/event-stream) and closes the connection before any event. */
  void drop() {
    dropped = true;
    try {
      getResponse().flushBuffer();
    } catch (IOException clientGone) {
      // closed already: the drop is done
    }
    org.eclipse.jetty.server.Request base = org.eclipse.jetty.server.Request.getBaseRequest(request);
    if (base != null) {
      base.getHttpChannel().abort(new IOException("crashtest: MCP stream dropped on purpose"));
    }
  }
}
