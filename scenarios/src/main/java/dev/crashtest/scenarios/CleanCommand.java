package dev.crashtest.scenarios;

import dev.crashtest.env.EnvironmentException;
import dev.crashtest.env.containers.Cleanup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crashtest clean}: removes every container and image of ours from the local Docker engine. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Removes every container of ours (label dev.crashtest.managed=true) and the images built here;"
        + " runs already remove their containers, this is for images and for containers of a harness that was"
        + " killed.")
final class CleanCommand implements Callable<Integer> {

  @Option(names = "--all", description = "Also remove the base image (ci/build-base-image.sh makes it again).")
  boolean all;

  @Override
  public Integer call() {
    try {
      Cleanup.Result removed = Cleanup.everything(all);
      System.out.printf("removed %d container(s) and %d image(s)%s%n", removed.containers(), removed.images().size(),
          removed.images().isEmpty() ? "" : ": " + String.join(", ", removed.images()));
      for (String failure : removed.failures()) {
        System.err.println("crashtest clean: could not remove " + failure);
      }
      return removed.failures().isEmpty() ? CrashtestCli.EXIT_PASS : CrashtestCli.EXIT_ENVIRONMENT;
    } catch (EnvironmentException e) {
      System.err.println("crashtest clean: " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    } catch (RuntimeException e) {
      System.err.println("crashtest clean: the Docker engine failed: " + e.getMessage());
      return CrashtestCli.EXIT_ENVIRONMENT;
    }
  }
}
