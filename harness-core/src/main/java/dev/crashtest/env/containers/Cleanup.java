package dev.crashtest.env.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
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

  /**
   * What was removed, and what could not be (each with the engine's reason).
   *
   * @param images tags removed, and untagged images as {@code <none> (sha256:0123456789ab)}
   */
  public record Result(int containers, List<String> images, List<String> failures) {}

  public static Result everything(boolean includingBaseImage) {
    LocalImages.requireDocker();
    DockerClient docker = DockerClientFactory.instance().client();
    Map<String, String> ours = Map.of(LocalImages.MANAGED_LABEL, "true");
    List<String> failures = new ArrayList<>();
    List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec();
    int removedContainers = 0;
    for (Container container : containers) {
      if (remove(() -> docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec(),
          "container " + container.getId().substring(0, 12), failures)) {
        removedContainers++;
      }
    }
    String base = LocalImages.baseImage();
    List<String> removed = new ArrayList<>();
    List<String> later = new ArrayList<>();
    for (Image image : docker.listImagesCmd().withLabelFilter(ours).exec()) {
      List<String> tags = tags(image);
      if (tags.isEmpty()) {
        // a tag moved on to a newer build: the old image is left untagged ("<none>:<none>"), named by its id only
        String name = "<none> (" + shortId(image.getId()) + ")";
        if (remove(() -> docker.removeImageCmd(image.getId()).withForce(true).exec(), "image " + name, failures)) {
          removed.add(name);
        }
      }
      for (String tag : tags) {
        if (tag.equals(base)) {
          later.add(tag);
        } else if (remove(() -> docker.removeImageCmd(tag).withForce(true).exec(), "image " + tag, failures)) {
          removed.add(tag);
        }
      }
    }
    if (includingBaseImage) {
      for (String tag : later) {
        if (remove(() -> docker.removeImageCmd(tag).withForce(true).exec(), "image " + tag, failures)) {
          removed.add(tag);
        }
      }
    }
    return new Result(removedContainers, removed, failures);
  }

  private static List<String> tags(Image image) {
    List<String> tags = new ArrayList<>();
    for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
      if (!tag.equals("<none>:<none>")) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
  }

  private static boolean remove(Runnable removal, String what, List<String> failures) {
    try {
      removal.run();
      return true;
    } catch (NotFoundException gone) {
      return false;
    } catch (DockerException e) {
      failures.add(what + ": " + e.getMessage().strip());
      return false;
    }
  }
}
