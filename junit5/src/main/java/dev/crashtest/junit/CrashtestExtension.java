package dev.crashtest.junit;

import dev.crashtest.env.Environment;
import dev.crashtest.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 adapter over the harness: hands each test a fresh embedded {@link Environment}, a
 * {@link ScenarioRunner} bound to it, and the run seed ({@code long} parameter named by {@link Seed}); stops
 * the environment after the test; on failure, reports the seed and where the histories are.
 *
 * <pre>{@code
 * @RegisterExtension
 * static CrashtestExtension crashtest = CrashtestExtension.builder().withSeed(7).build();
 *
 * @Test
 * void naive_agent_loses_the_task(ScenarioRunner runner, @Seed long seed) { ... }
 * }</pre>
 */
public final class CrashtestExtension implements ParameterResolver, TestWatcher {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrashtestExtension.class);
  static final long DEFAULT_SEED = 1L;

  private final Long seed;
  private final Path outputDirectory;
  private final String toxiproxyImage;

  /** Used by {@link CrashtestTest}: seed from {@code -Dcrashtest.seed}, else 1; output under target/crashtest. */
  public CrashtestExtension() {
    this(null, Path.of("target", "crashtest"), null);
  }

  private CrashtestExtension(Long seed, Path outputDirectory, String toxiproxyImage) {
    this.seed = seed;
    this.outputDirectory = outputDirectory;
    this.toxiproxyImage = toxiproxyImage;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of the extension. */
  public static final class Builder {
    private Long seed;
    private Path outputDirectory = Path.of("target", "crashtest");
    private String toxiproxyImage;

    private Builder() {}

    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Where each test's runs write their history and agent log; {@code target/crashtest} by default. */
    public Builder withOutputDirectory(Path directory) {
      this.outputDirectory = directory;
      return this;
    }

    /**
     * The container backend: the services and the fault proxy run as containers (see
     * {@link Environment.Builder#withServicesInContainers()}); pass agents as {@code AgentSpec.image(...)} or
     * {@code spec.inContainer()} to run them as containers too.
     */
    public Builder withServicesInContainers() {
      this.toxiproxyImage = Environment.Builder.TOXIPROXY_IMAGE;
      return this;
    }

    public CrashtestExtension build() {
      return new CrashtestExtension(seed, outputDirectory, toxiproxyImage);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Environment.class || type == ScenarioRunner.class
        || (type == long.class && parameter.isAnnotated(Seed.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == long.class) {
      return seed();
    }
    Environment environment = environment(context);
    if (type == Environment.class) {
      return environment;
    }
    return ScenarioRunner.on(environment).writingTo(testDirectory(context));
  }

  private Environment environment(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(
        "environment",
        key -> toxiproxyImage == null ? Environment.embedded().withSeed(seed()).start()
            : Environment.embedded().withSeed(seed()).withFaultProxyInContainer(toxiproxyImage)
                .withServicesInContainers().start(),
        Environment.class);
  }

  private Path testDirectory(ExtensionContext context) {
    String method = context.getTestMethod().map(m -> m.getName()).orElse("test");
    return outputDirectory.resolve(context.getRequiredTestClass().getSimpleName()).resolve(method);
  }

  long seed() {
    if (seed != null) {
      return seed;
    }
    return Optional.ofNullable(System.getProperty("crashtest.seed")).map(Long::parseLong).orElse(DEFAULT_SEED);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String message = "crashtest: [" + context.getDisplayName() + "] failed with seed " + seed()
        + "; histories and agent logs are under " + testDirectory(context).toAbsolutePath()
        + "; rerun with -Dcrashtest.seed=" + seed();
    context.publishReportEntry("crashtest", message);
    System.err.println(message);
  }
}
