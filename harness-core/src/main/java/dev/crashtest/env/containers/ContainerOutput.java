package dev.crashtest.env.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A container's standard output and error, appended to a log file from the moment of attaching: attach before
 * starting the container and nothing it prints is lost, nor printed twice after a restart.
 *
 * <pre>{@code
 * try (Closeable output = ContainerOutput.follow(docker, containerId, Path.of("agent.log"))) {
 *   docker.startContainerCmd(containerId).exec();
 * }
 * }</pre>
 */
public final class ContainerOutput {
  private ContainerOutput() {}

  /** Attaches to the container and appends what it prints to {@code logFile} until closed. */
  public static Closeable follow(DockerClient docker, String containerId, Path logFile) throws IOException {
    OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        try {
          log.write(frame.getPayload());
          log.flush();
        } catch (IOException e) {
          // the log's directory went away with its run: the output is no longer wanted
        }
      }

      @Override
      public void close() throws IOException {
        super.close();
        log.close();
      }
    };
    docker.attachContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true).exec(callback);
    try {
      callback.awaitStarted(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return callback;
  }
}
