package dev.crashtest.env;

import dev.crashtest.fakes.ServiceEvent;
import dev.crashtest.fakes.crm.CrmAdmin;
import dev.crashtest.fakes.crm.CrmServer;
import dev.crashtest.fakes.identity.IdentityAdmin;
import dev.crashtest.fakes.identity.IdentityProvider;
import dev.crashtest.fakes.mcp.McpAdmin;
import dev.crashtest.fakes.mcp.McpToolServer;
import dev.crashtest.fakes.model.ModelAdmin;
import dev.crashtest.fakes.model.ModelEndpoint;
import eu.rekawek.toxiproxy.Proxy;
import dev.crashtest.history.History;
import dev.crashtest.internal.Directories;
import dev.crashtest.history.OpType;
import dev.crashtest.history.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.crashtest.workload.Workload;
import dev.crashtest.workload.WorkloadService;
import java.util.Set;

/**
 * The simulated world an agent runs in: an identity provider, a CRM and a model endpoint, each a real server
 * on loopback, all feeding one {@link History}. Stopped by {@link #close()}, and also when the JVM exits.
 *
 * <pre>{@code
 * try (Environment env = Environment.embedded().withSeed(42).start()) {
 *   env.crmBaseUrl();         // http://127.0.0.1:41002
 *   env.history().ops();      // everything the services did
 * }
 * }</pre>
 */
public final class Environment implements AutoCloseable {
  static final String MODEL_API_KEY = "crashtest-model-key";
  /** How much of an event body the harness could not parse is kept in the history. */
  private static final int MAX_REJECTED_BODY = 2_000;

  private final History history;
  private final Path workDirectory;
  private boolean toolsOverMcp;
  private final boolean temporaryWorkDirectory;
  private final Workload workload;
  private final StartedServices services;
  private final Set<String> registeredAgents = new java.util.HashSet<>();
  private final Thread shutdownHook = new Thread(this::close, "crashtest-environment-shutdown");
  private ServiceStack stack;
  private volatile boolean closed;

  private Environment(Path workDirectory, boolean temporary, Workload workload) {
    this.workload = workload;
    this.history = History.startingNow();
    this.services = new StartedServices(history);
    this.workDirectory = workDirectory;
    this.temporaryWorkDirectory = temporary;
  }

  /** Starts every service in this JVM, on loopback ports chosen by the system. */
  public static Builder embedded() {
    return new Builder();
  }

  /** Options of an embedded environment. */
  public static final class Builder {
    /** The official Toxiproxy image, used for the fault proxy container when the local engine has it. */
    public static final String TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";

    private Path workDirectory;
    private long seed = 0;
    private String proxyImage;
    private boolean servicesInContainers;
    private Workload workload;
    private boolean toolsOverMcp;

    private Builder() {}

    /**
     * Agents reach their tools over MCP: an MCP server serves the workload's tools behind the fault proxy's
     * {@code mcp} hop, and agents get its address as {@code HARNESS_MCP_URL} (docs/agent-contract.md, section 3.4).
     * On either backend: {@link #withServicesInContainers()} runs the MCP server as a container too.
     */
    public Builder withToolsOverMcp() {
      this.toolsOverMcp = true;
      return this;
    }

    /** The workload the agents are given (default: procurement): its goal, tools, services and model script. */
    public Builder withWorkload(Workload workload) {
      this.workload = java.util.Objects.requireNonNull(workload, "workload");
      return this;
    }

    /** Where the CRM's database and each run's files go; by default a temporary directory, deleted at close. */
    public Builder withWorkDirectory(Path directory) {
      this.workDirectory = directory;
      return this;
    }

    /** The seed for the identity provider's secrets and ids. */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Runs the fault proxy as a container of {@code toxiproxyImage} (e.g. {@link #TOXIPROXY_IMAGE}) when the local
     * Docker engine has it, else of Crashtest's own Toxiproxy-compatible image built here; faults drive it through
     * the same toxiproxy-java client either way.
     */
    public Builder withFaultProxyInContainer(String toxiproxyImage) {
      this.proxyImage = java.util.Objects.requireNonNull(toxiproxyImage, "toxiproxyImage");
      return this;
    }

    /**
     * Runs every fake service — identity provider, CRM, model endpoint, and the MCP server with {@link
     * #withToolsOverMcp()} — and the fault proxy as containers of
     * images built on this machine (no registry), on the host's network; the harness drives them through their
     * operator APIs and takes their events over HTTP, so scenarios, faults and checks are the same.
     */
    public Builder withServicesInContainers() {
      this.servicesInContainers = true;
      if (proxyImage == null) {
        proxyImage = TOXIPROXY_IMAGE;
      }
      return this;
    }

    public Environment start() {
      Workload given = workload == null ? Workload.procurement() : workload;
      if (servicesInContainers && !given.name().equals("procurement")) {
        throw new EnvironmentException("workload [" + given.name() + "] runs on the embedded backend only so far;"
            + " leave out --backend containers", null);
      }
      boolean temporary = workDirectory == null;
      Path directory;
      try {
        directory = temporary ? Files.createTempDirectory("crashtest-env-") : Files.createDirectories(workDirectory);
      } catch (IOException e) {
        throw new EnvironmentException("could not create the work directory [" + workDirectory + "]: " + e, e);
      }
      Environment environment = new Environment(directory, temporary, given);
      environment.toolsOverMcp = toolsOverMcp;
      environment.startOrClose(servicesInContainers
          ? () -> environment.stack = ContainerStack.start(environment.services, environment.events(), seed,
              proxyImage, directory, environment.workload, toolsOverMcp)
          : () -> environment.stack = EmbeddedStack.start(environment.services, environment::record, seed,
              proxyImage, directory, environment.workload, toolsOverMcp));
      return environment;
    }
  }

  /**
   * Starts the services; if one fails, stops those already started, so nothing is left running. The shutdown hook
   * is registered inside the same guard: when the JVM is already shutting down (Ctrl-C), registering it fails and the
   * temporary work directory made a moment ago is deleted, not left behind.
   */
  private void startOrClose(Runnable start) {
    try {
      try {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        throw new EnvironmentException("the environment was not started: this JVM is shutting down", shuttingDown);
      }
      start.run();
    } catch (RuntimeException e) {
      try {
        close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** What the services in containers send: their events, and bodies the harness cannot parse. */
  private EventSink.Events events() {
    return new EventSink.Events() {
      @Override
      public void accept(ServiceEvent event) {
        record(event);
      }

      @Override
      public void reject(String body, String why) {
        rejected(body, why);
      }
    };
  }

  /**
   * Throws an {@link EnvironmentException} when a service of the environment stopped serving (a service container
   * exited), naming it with its last log lines, and copies its log into {@code runDirectory}. A run it hits is the
   * harness's failure (an ERROR, exit 3), never the agent's. Embedded services live in this JVM and pass.
   */
  public void requireServicesRunning(Path runDirectory) {
    services.requireRunning(runDirectory);
  }

  /** An event body no one can parse: in the history, so its run is ERROR rather than judged without it. */
  private void rejected(String body, String why) {
    String shown = body.length() > MAX_REJECTED_BODY ? body.substring(0, MAX_REJECTED_BODY) + "…" : body;
    history.append(Vocabulary.HARNESS, Vocabulary.RUNNER, Vocabulary.EVENT_REJECTED, OpType.FAIL,
        Map.of(Vocabulary.BODY, shown, Vocabulary.ERROR, why));
  }

  private void record(ServiceEvent event) {
    OpType type = event.outcome() == ServiceEvent.Outcome.OK ? OpType.OK : OpType.FAIL;
    history.append(event.service(), event.actor(), event.operation(), type, event.details());
  }

  public History history() {
    return history;
  }

  public Path workDirectory() {
    return workDirectory;
  }

  /** The model endpoint's OpenAI base URL as agents reach it (through its proxy), ending in {@code /v1}. */
  public URI modelBaseUrl() {
    return URI.create(stack.hops().publicUrl(Service.MODEL) + "/v1");
  }

  /** The CRM's base URL as agents reach it, through its proxy. */
  public URI crmBaseUrl() {
    return stack.hops().publicUrl(Service.CRM);
  }

  /**
   * The Toxiproxy proxy in front of {@code service}, driven with the official toxiproxy-java client: the same
   * code drives a real Toxiproxy in container mode.
   */
  public Proxy proxy(Service service) {
    return stack.hops().proxy(service);
  }

  /**
   * Every proxy on the way to {@code service}: the shared one, and for the CRM each agent's own hop. A network
   * fault is applied to all of them.
   */
  public List<Proxy> proxies(Service service) {
    return stack.hops().all(service);
  }

  /**
   * Points the {@link Service#PLATFORM} hop at a platform server on {@code port} and returns the host:port agents
   * reach it at, through its proxy.
   */
  public String routePlatform(int port) {
    stack.hops().connect(Service.PLATFORM, port);
    return stack.hops().publicUrl(Service.PLATFORM).getAuthority();
  }

  /** The fault proxy's API, e.g. for {@code new ToxiproxyClient(host, port)}. */
  public URI faultProxyUrl() {
    return stack.proxy().baseUrl();
  }

  /** The identity provider's issuer as agents reach it, through its proxy. */
  public URI identityIssuer() {
    return stack.identity().issuer();
  }

  /** The contract's environment an agent needs, less what is its own (client id, secret file, port, state). */
  public Map<String, String> agentEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HARNESS_MODEL_BASE_URL", modelBaseUrl().toString());
    env.put("HARNESS_MODEL_API_KEY", MODEL_API_KEY);
    env.put("HARNESS_CRM_BASE_URL", crmBaseUrl().toString());
    env.put("HARNESS_IDP_ISSUER", identityIssuer().toString());
    withWorkload(env, "shared", crmBaseUrl());
    if (toolsOverMcp()) {
      env.put("HARNESS_MCP_URL", mcpUrl().toString());
    }
    return env;
  }

  /** Whether agents reach their tools over MCP ({@link Builder#withToolsOverMcp()}). */
  public boolean toolsOverMcp() {
    return toolsOverMcp;
  }

  /** The MCP endpoint as agents reach it, through its proxy: {@code http://127.0.0.1:<port>/mcp}. */
  public URI mcpUrl() {
    return URI.create(stack.hops().publicUrl(Service.MCP) + "/mcp");
  }

  /**
   * What the harness does to the MCP server (faults), when agents reach their tools over MCP, whichever backend runs
   * it: the server itself in this JVM, its admin API in a container.
   *
   * @throws IllegalStateException when tools are not over MCP: start the environment {@link
   *     Builder#withToolsOverMcp()}
   */
  public McpAdmin mcpService() {
    return stack.mcp();
  }

  /**
   * The MCP server object of an embedded environment, e.g. for the sessions with an open stream.
   *
   * @throws IllegalStateException when the services run in containers (use {@link #mcpService()}), or when tools
   *     are not over MCP
   */
  public McpToolServer mcpServer() {
    return stack.mcpServer();
  }

  /** The workload this environment gives agents. */
  public Workload workload() {
    return workload;
  }

  /**
   * Adds each service's base URL ({@code HARNESS_SERVICE_<NAME>_URL}) and the workload file the reference agents
   * read their tools from ({@code HARNESS_WORKLOAD_FILE}), written for {@code owner} under the work directory.
   */
  private void withWorkload(Map<String, String> env, String owner, URI crmUrl) {
    Map<String, URI> urls = new LinkedHashMap<>();
    for (WorkloadService service : workload.services().values()) {
      // a stubbed service sits under its own prefix on the services' hop, the CRM's
      URI url = service.builtIn().isPresent() ? crmUrl : URI.create(crmUrl + "/" + service.name());
      urls.put(service.name(), url);
      env.put(service.urlVariable(), url.toString());
    }
    Path file = workDirectory.resolve("workloads").resolve(owner + "-" + workload.name() + ".json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, workload.agentFile(urls));
    } catch (IOException e) {
      throw new EnvironmentException("could not write the workload file [" + file + "]: " + e, e);
    }
    env.put("HARNESS_WORKLOAD_FILE", file.toString());
  }

  /** What the harness does to the workload's stubbed services (faults); only a stubbed workload has them. */
  public dev.crashtest.fakes.stub.StubAdmin stubServices() {
    return stack.stubServices();
  }

  /**
   * The contract's environment for agent {@code clientId}: as {@link #agentEnvironment()}, but its CRM address
   * is the agent's own, so the CRM knows who presents a token (as mTLS would prove it) and refuses another
   * agent's token.
   */
  public Map<String, String> agentEnvironment(String clientId) {
    Map<String, String> env = agentEnvironment();
    env.put("HARNESS_CRM_BASE_URL", crmBaseUrl(clientId).toString());
    withWorkload(env, clientId, crmBaseUrl(clientId));
    return env;
  }

  /** The CRM's base URL as agent {@code clientId} reaches it: its own address, through its own proxy. */
  public URI crmBaseUrl(String clientId) {
    URI own = workload.isBuiltInServices() ? stack.crm().workloadUrl(clientId)
        : stack.stubServices().workloadUrl(clientId);
    return stack.hops().agentCrmUrl(clientId, own);
  }

  /**
   * Registers an agent's own client at the identity provider and returns its secret; an agent registered
   * before (an earlier run in the same environment) gets a fresh secret. Several agents may share an environment,
   * each with its own client, secret and CRM address.
   */
  public synchronized String registerAgent(String clientId) {
    return registeredAgents.add(clientId)
        ? stack.identity().registerClient(clientId) : stack.identity().rotateClientSecret(clientId);
  }

  /** A user's own access token, as a task carries it to the agent. */
  public String issueUserToken(String user) {
    return stack.identity().issueUserToken(user, new java.util.LinkedHashSet<>(workload.userScopes()));
  }

  /**
   * What the harness does to the identity provider (rotations, revocations, faults, tokens), the same calls whichever
   * backend runs it: the provider itself in this JVM, its admin API in a container.
   */
  public IdentityAdmin identityService() {
    return stack.identity();
  }

  /** What the harness does to the CRM (faults, agents' own addresses), whichever backend runs it. */
  public CrmAdmin crmService() {
    return stack.crm();
  }

  /** What the harness does to the model endpoint (faults), whichever backend runs it. */
  public ModelAdmin modelService() {
    return stack.model();
  }

  /**
   * The identity provider object of an embedded environment, for tests that need all of it.
   *
   * @throws IllegalStateException when the services run in containers: use {@link #identityService()}
   */
  public IdentityProvider identityProvider() {
    return stack.identityProvider();
  }

  /**
   * The CRM object of an embedded environment, e.g. for its audit.
   *
   * @throws IllegalStateException when the services run in containers: use {@link #crmService()}
   */
  public CrmServer crm() {
    return stack.crmServer();
  }

  /**
   * The model endpoint object of an embedded environment.
   *
   * @throws IllegalStateException when the services run in containers: use {@link #modelService()}
   */
  public ModelEndpoint modelEndpoint() {
    return stack.modelEndpoint();
  }

  /** Stops every service in reverse order and deletes a temporary work directory. Harmless twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<RuntimeException> failures = new ArrayList<>(services.stopAll());
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the hook runs anyway
      }
    }
    if (temporaryWorkDirectory) {
      try {
        deleteRecursively(workDirectory);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw notStoppedCleanly(failures);
    }
  }

  /** The first failure as the cause, every later one suppressed, so none is lost. */
  static EnvironmentException notStoppedCleanly(List<RuntimeException> failures) {
    RuntimeException first = failures.get(0);
    EnvironmentException failure = new EnvironmentException("the environment did not stop cleanly: "
        + first.getMessage() + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more, suppressed)" : ""),
        first);
    failures.subList(1, failures.size()).forEach(failure::addSuppressed);
    return failure;
  }

  private static void deleteRecursively(Path directory) {
    try {
      Directories.deleteRecursively(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete [" + directory + "]: " + e.getMessage(), e);
    }
  }
}
