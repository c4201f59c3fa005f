package dev.crashtest.env.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;

/**
 * The labels every container of ours carries ({@code docker ps --filter label=dev.crashtest.managed=true}), and their
 * removal. Removes the containers this JVM started when it exits (Ctrl-C, System.exit), and, on first use, those a harness
 * that died without cleaning up left behind: every container is labelled with the managing label and the pid of
 * the JVM that owns it. Testcontainers' own reaper (Ryuk) cannot run here: its image needs a registry.
 */
public final class ContainerReaper {
  public static final String OWNER_LABEL = "dev.crashtest.owner-pid";
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
  private static final long SELF = ProcessHandle.current().pid();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ContainerReaper::reapAll, "crashtest-container-reaper"));
    reapOrphans();
  }

  private ContainerReaper() {}

  public static Map<String, String> labels() {
    return Map.of(LocalImages.MANAGED_LABEL, "true", OWNER_LABEL, String.valueOf(SELF));
  }

  /** The host's uid:gid, so files the agent writes in its mounted run directory stay the harness's. */
  public static String hostUser() {
    com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
    return unix.getUid() + ":" + unix.getGid();
  }

  /** Removes the container when this JVM exits, unless {@link #forget} was called first. */
  public static void watch(String containerId) {
    LIVE.add(containerId);
  }

  public static void forget(String containerId) {
    LIVE.remove(containerId);
  }

  private static void reapAll() {
    DockerClient docker = DockerClientFactory.instance().client();
    for (String id : LIVE) {
      remove(docker, id);
    }
  }

  /** Containers of ours whose owning JVM is gone. */
  private static void reapOrphans() {
    try {
      DockerClient docker = DockerClientFactory.instance().client();
      List<Container> ours = docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(LocalImages.MANAGED_LABEL, "true")).exec();
      for (Container container : ours) {
        String owner = container.getLabels() == null ? null : container.getLabels().get(OWNER_LABEL);
        boolean orphan = owner != null && ProcessHandle.of(Long.parseLong(owner)).map(p -> !p.isAlive()).orElse(true);
        if (orphan) {
          remove(docker, container.getId());
        }
      }
    } catch (RuntimeException e) {
      System.err.println("crashtest: could not look for containers left by an earlier harness: " + e.getMessage());
    }
  }

  /** Removes a container of ours now, running or not; harmless when it is gone. */
  public static void remove(String containerId) {
    remove(DockerClientFactory.instance().client(), containerId);
    forget(containerId);
  }

  private static void remove(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException e) {
      // gone already, or Docker is stopping too
    }
  }
}
