package dev.crashtest.env.containers;

/**
 * A local image that carries files at fixed paths on top of the base image, made by {@link LocalImages#filesImage};
 * it has no entrypoint and no default command: the caller's command runs as PID 1, without a shell.
 *
 * @param name the image's name with its content tag, e.g. {@code crashtest/agent-langgraph:3f2a9c0d41b7e215}
 * @param id the engine's image id ({@code sha256:…})
 * @param built whether this call built the image; false when one with the same content tag already existed
 */
public record FilesImage(String name, String id, boolean built) {
  @Override
  public String toString() {
    return name;
  }
}
