package dev.crashtest.scenarios.bench;

import dev.crashtest.catalogue.Catalogue;
import dev.crashtest.env.Environment;
import dev.crashtest.scenario.RunResult;
import dev.crashtest.scenario.Scenario;
import dev.crashtest.scenario.ScenarioRunner;
import dev.crashtest.scenarios.Agents;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures the walking skeleton's targets: embedded environment healthy (warm JVM), crash scenario wall time
 * from start to verdict, and the harness's peak heap. Run with {@code ci/benchmark.sh}; results go to
 * {@code docs/benchmarks.md} by hand.
 */
public final class SkeletonBenchmark {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    int environmentRounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int scenarioRounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path out = Files.createTempDirectory("crashtest-bench-");

    List<Long> boot = new ArrayList<>();
    for (int i = 0; i < environmentRounds + 3; i++) {
      long start = System.nanoTime();
      try (Environment env = Environment.embedded().withSeed(i).start()) {
        awaitHealthy(env);
        if (i >= 3) {
          boot.add((System.nanoTime() - start) / 1_000);
        }
      }
    }
    report("environment healthy (warm, µs)", boot);

    List<Long> crash = new ArrayList<>();
    Scenario scenario = Catalogue.crashBeforeCreateQuote();
    for (int i = 0; i < scenarioRounds + 1; i++) {
      long start = System.nanoTime();
      try (Environment env = Environment.embedded().withSeed(i).start()) {
        RunResult result = ScenarioRunner.on(env).writingTo(out).run(scenario, Agents.naive(), i);
        if (i >= 1) {
          crash.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("  run " + i + ": " + result.verdict() + " " + result.metrics());
      }
    }
    report(scenario.name() + " start to verdict (ms)", crash);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("harness peak heap: %d MiB (max heap %d MiB)%n", peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static void awaitHealthy(Environment env) throws Exception {
    for (URI uri : List.of(env.modelBaseUrl().resolve("/v1/models"), env.crmBaseUrl().resolve("/audit"),
        URI.create(env.identityIssuer() + "/.well-known/openid-configuration"))) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer crashtest-model-key");
      int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw new IllegalStateException(uri + " answered " + status);
      }
    }
  }

  private static void report(String what, List<Long> samples) {
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    System.out.printf("%s: n=%d min=%d p50=%d p90=%d max=%d%n", what, sorted.size(), sorted.get(0),
        sorted.get(sorted.size() / 2), sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9))),
        sorted.get(sorted.size() - 1));
  }
}
