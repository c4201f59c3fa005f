package dev.crashtest.env.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Removes everything of ours from the local Docker engine: every container labelled {@value
 * LocalImages#MANAGED_LABEL} (running or not, whoever started it), then the images built here, and the base image
 * only when asked. Images are otherwise kept on purpose, as a build cache: an unchanged class path is never rebuilt.
 *
 * <pre>{@code
 * Cleanup.Result removed = Cleanup.everything(false);   // keep crashtest/base-jre:17
 * }</pre>
 */
public final class Cleanup {
  private Cleanup() {}

  /** What was removed. */
  public record Result(int containers, List<String> images) {}

  public static Result everything(boolean includingBaseImage) {
    LocalImages.requireDocker();
    DockerClient docker = DockerClientFactory.instance().client();
    Map<String, String> ours = Map.of(LocalImages.MANAGED_LABEL, "true");
    List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec();
    for (Container container : containers) {
      docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
    }
    String base = LocalImages.baseImage();
    List<String> removed = new ArrayList<>();
    List<String> later = new ArrayList<>();
    for (Image image : docker.listImagesCmd().withLabelFilter(ours).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.equals(base)) {
          later.add(tag);
        } else {
          docker.removeImageCmd(tag).withForce(true).exec();
          removed.add(tag);
        }
      }
    }
    if (includingBaseImage) {
      for (String tag : later) {
        docker.removeImageCmd(tag).withForce(true).exec();
        removed.add(tag);
      }
    }
    return new Result(containers.size(), removed);
  }
}
