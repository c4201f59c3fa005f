package dev.crashtest.env;

import dev.crashtest.fakes.FakeService;
import dev.crashtest.history.History;
import dev.crashtest.history.OpType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The services an environment started, whichever backend: each recorded in the history ({@code service_started})
 * as it starts, watched for a container that stopped serving, and all stopped in reverse order.
 */
final class StartedServices implements ServiceStack.Starter {
  private final History history;
  private final List<FakeService> services = new CopyOnWriteArrayList<>();

  StartedServices(History history) {
    this.history = history;
  }

  @Override
  public <T extends FakeService> T started(String name, Supplier<T> starter) {
    try {
      T service = starter.get();
      services.add(service);
      history.append("harness", "runner", "service_started", OpType.INFO,
          Map.of("service", name, "url", service.baseUrl().toString()));
      return service;
    } catch (RuntimeException e) {
      throw new EnvironmentException("could not start the [" + name + "] service: " + e.getMessage(), e);
    }
  }

  /** See {@link Environment#requireServicesRunning(Path)}. */
  void requireRunning(Path runDirectory) {
    for (FakeService service : services) {
      if (service instanceof ServiceContainer container) {
        Optional<String> failure = container.failure(runDirectory);
        if (failure.isPresent()) {
          throw new EnvironmentException(failure.get(), null);
        }
      }
    }
  }

  /** Stops every service, the last started first; returns every failure, in the order they happened. */
  List<RuntimeException> stopAll() {
    List<RuntimeException> failures = new ArrayList<>();
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    return failures;
  }
}
