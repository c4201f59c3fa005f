package dev.crashtest.scenariofile;

import static dev.crashtest.scenariofile.Param.Type.BOOLEAN;
import static dev.crashtest.scenariofile.Param.Type.DURATION;
import static dev.crashtest.scenariofile.Param.Type.DURATION_OR_NEVER;
import static dev.crashtest.scenariofile.Param.Type.HOP;
import static dev.crashtest.scenariofile.Param.Type.HTTP_STATUS;
import static dev.crashtest.scenariofile.Param.Type.INT;
import static dev.crashtest.scenariofile.Param.Type.JITTERED_DURATION;
import static dev.crashtest.scenariofile.Param.Type.POSITIVE_INT;
import static dev.crashtest.scenariofile.Param.Type.SIGNED_DURATION;
import static dev.crashtest.scenariofile.Param.Type.STRING;

import dev.crashtest.env.Service;
import dev.crashtest.fakes.crm.CrmFault;
import dev.crashtest.fakes.mcp.McpFault;
import dev.crashtest.fakes.stub.StubFault;
import dev.crashtest.fakes.identity.IdentityFault;
import dev.crashtest.fakes.model.ModelFault;
import dev.crashtest.scenario.Fault;
import dev.crashtest.scenario.Faults;
import dev.crashtest.scenario.IdentityChange;
import dev.crashtest.scenario.NetworkFault;
import dev.crashtest.scenario.ProcessCrash;
import dev.crashtest.scenario.ProcessPause;
import dev.crashtest.scenario.SecretRotation;
import dev.crashtest.scenario.ServiceFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Every kind of fault a scenario file can name, in the order the documentation and the schema list them. */
final class FaultForms {
  static final Duration AGENT_RESTART = Duration.ofMillis(200);
  static final Duration PLATFORM_RESTART = Duration.ofSeconds(1);
  static final Duration PAUSE = Duration.ofSeconds(5);

  private static final Param RESTART_AFTER = Param.optional("restart-after", DURATION_OR_NEVER,
      "How long after the crash the process starts again, or never (default 200ms for the agent, 1s for the platform).");
  private static final Param SERVICE = Param.required("service", HOP,
      "The hop: model, identity, crm, platform, or mcp (tools over MCP).");
  private static final Param TOOL = Param.required("tool", STRING, "The MCP tool, e.g. place_order.");
  private static final Param UPSTREAM = Param.optional("upstream", BOOLEAN,
      "Act on the agent-to-service direction instead of the answers.");
  private static final Param FOR_REQUESTS = Param.optional("for-requests", POSITIVE_INT,
      "Heal by itself after this many requests (default: until healed).");
  private static final Param ON_TOOL = Param.optional("on-tool", STRING,
      "Only model answers that call this tool are affected.");
  private static final Param OPERATION = Param.optional("operation", STRING,
      "Only this CRM operation is affected (default: every operation).");

  private static final List<FaultForm> ALL = build();

  private FaultForms() {}

  static List<FaultForm> all() {
    return ALL;
  }

  static Optional<FaultForm> named(String name) {
    return ALL.stream().filter(form -> form.name().equals(name)).findFirst();
  }

  static List<String> names() {
    return ALL.stream().map(FaultForm::name).toList();
  }

  /** The form that writes {@code fault}, with its own fields. */
  static Map.Entry<FaultForm, Map<String, Object>> formOf(Fault fault) {
    for (FaultForm form : ALL) {
      Optional<Map<String, Object>> fields = form.write().apply(fault);
      if (fields.isPresent()) {
        return Map.entry(form, fields.get());
      }
    }
    throw new IllegalArgumentException("fault [" + fault.describe() + "] has no scenario-file form");
  }

  private static List<FaultForm> build() {
    List<FaultForm> forms = new ArrayList<>();
    processes(forms);
    identity(forms);
    network(forms);
    model(forms);
    crm(forms);
    identityProvider(forms);
    mcp(forms);
    return List.copyOf(forms);
  }

  private static void processes(List<FaultForm> forms) {
    crash(forms, "kill-agent", "kill -9 the agent; restarted after restart-after.", Faults.killAgent());
    crash(forms, "terminate-agent", "SIGTERM the agent; restarted after restart-after.", Faults.terminateAgent());
    crash(forms, "kill-platform", "kill -9 the durable-execution platform server; restarted on its state.",
        Faults.killPlatform());
    crash(forms, "terminate-platform", "SIGTERM the platform server; restarted on its state.",
        Faults.terminatePlatform());
    forms.add(new FaultForm("pause-agent", "processes",
        "SIGSTOP the agent, SIGCONT it after lasting (default 5s) or until a trigger: a zombie worker.",
        List.of(Param.optional("standby-worker", BOOLEAN, "Run a second agent process while this one is frozen.")),
        true, args -> args.flag("standby-worker") ? Faults.pauseAgent().withStandbyWorker() : Faults.pauseAgent(),
        fault -> fault instanceof ProcessPause p && p.target() == ProcessCrash.Target.AGENT
            ? Optional.of(p.hasStandbyWorker() ? Map.of("standby-worker", true) : Map.of()) : Optional.empty()));
    forms.add(new FaultForm("pause-platform", "processes",
        "SIGSTOP the platform server, SIGCONT it after lasting (default 5s) or until a trigger.", List.of(), true,
        args -> Faults.pausePlatform(),
        fault -> fault instanceof ProcessPause p && p.target() == ProcessCrash.Target.PLATFORM
            ? Optional.of(Map.of()) : Optional.empty()));
  }

  private static void crash(List<FaultForm> forms, String name, String description, ProcessCrash prototype) {
    Duration byDefault = prototype.target() == ProcessCrash.Target.AGENT ? AGENT_RESTART : PLATFORM_RESTART;
    forms.add(new FaultForm(name, "processes", description, List.of(RESTART_AFTER), false, args -> {
      if (!args.has("restart-after")) {
        return prototype;
      }
      String restart = args.string("restart-after");
      return restart.equals("never") ? prototype.withoutRestart() : prototype.restartAfter(args.duration("restart-after"));
    }, fault -> {
      if (!(fault instanceof ProcessCrash crash) || crash.target() != prototype.target()
          || crash.signal() != prototype.signal()) {
        return Optional.empty();
      }
      Optional<Duration> restart = crash.restartAfter();
      return Optional.of(restart.isEmpty() ? Map.of("restart-after", "never")
          : restart.get().equals(byDefault) ? Map.of() : Map.of("restart-after", Durations.format(restart.get())));
    }));
  }

  private static void identity(List<FaultForm> forms) {
    forms.add(new FaultForm("rotate-agent-secret", "identity",
        "The agent's client secret changes: the new one in its file, the old one refused from now on.", List.of(),
        false, args -> Faults.rotateAgentSecret(),
        fault -> fault instanceof SecretRotation ? Optional.of(Map.of()) : Optional.empty()));
    change(forms, "rotate-signing-key", "The identity provider signs with a new key; the old one stays published"
        + " for grace (0s: withdrawn at once).", IdentityChange.Kind.ROTATE_SIGNING_KEY,
        Param.required("grace", DURATION, "How long the old key stays published."), false,
        args -> Faults.rotateSigningKey(args.duration("grace")));
    change(forms, "short-token-lifetime", "Delegated tokens minted from now on live only lifetime.",
        IdentityChange.Kind.SHORT_TOKEN_LIFETIME,
        Param.required("lifetime", DURATION, "How long a delegated token lives."), true,
        args -> Faults.shortTokenLifetime(args.duration("lifetime")));
    forms.add(new FaultForm("revoke-delegation", "identity",
        "The run's user revokes the delegation to the agent: no token exchange, and no CRM write, after it.",
        List.of(), false, args -> Faults.revokeDelegation(),
        fault -> fault instanceof IdentityChange c && c.kind() == IdentityChange.Kind.REVOKE_DELEGATION
            ? Optional.of(Map.of()) : Optional.empty()));
    forms.add(new FaultForm("withdraw-scope", "identity", "The run's user withdraws a scope from the agent.",
        List.of(Param.required("scope", STRING, "The scope withdrawn, e.g. crm.write.")), false,
        args -> Faults.withdrawScope(args.string("scope")),
        fault -> fault instanceof IdentityChange c && c.kind() == IdentityChange.Kind.WITHDRAW_SCOPE
            ? Optional.of(Map.of("scope", c.scope().orElseThrow())) : Optional.empty()));
    change(forms, "clock-skew", "The identity provider's clock runs offset ahead (negative: behind).",
        IdentityChange.Kind.CLOCK_SKEW, Param.required("offset", SIGNED_DURATION, "How far ahead, e.g. 30s or -30s."),
        true, args -> Faults.clockSkew(args.duration("offset")));
  }

  private static void change(List<FaultForm> forms, String name, String description, IdentityChange.Kind kind,
      Param amount, boolean heals, Function<Args, Fault> build) {
    forms.add(new FaultForm(name, "identity", description, List.of(amount), heals, build,
        fault -> fault instanceof IdentityChange c && c.kind() == kind
            ? Optional.of(Map.of(amount.name(), Durations.format(c.amount()))) : Optional.empty()));
  }

  private static void network(List<FaultForm> forms) {
    toxic(forms, "outage", "The hop is cut: its proxy refuses new connections and drops open ones.",
        NetworkFault.Kind.OUTAGE, List.of(), (args, hop) -> Faults.outage(hop), fault -> Map.of());
    forms.add(new FaultForm("disconnect-agent", "network",
        "Every hop from the agent (model, identity, crm, platform) is cut at once, as docker network disconnect does.",
        List.of(), true, args -> Faults.disconnectAgent(),
        fault -> fault instanceof NetworkFault n && n.kind() == NetworkFault.Kind.OUTAGE
            && n.services().size() == Service.values().length ? Optional.of(Map.of()) : Optional.empty()));
    toxic(forms, "latency", "Every answer on the hop arrives delay late; 800ms ± 200ms adds seeded jitter.",
        NetworkFault.Kind.LATENCY, List.of(Param.required("delay", JITTERED_DURATION, "The delay, e.g. 800ms ± 200ms.")),
        (args, hop) -> {
          Duration[] delay = args.jittered("delay");
          NetworkFault latency = Faults.latency(hop, delay[0]);
          return delay[1].isZero() ? latency : latency.jitter(delay[1]);
        }, n -> Map.of("delay", Durations.formatJittered(Duration.ofMillis(n.value()), Duration.ofMillis(n.extra()))));
    toxic(forms, "bandwidth", "Answers on the hop trickle at kilobytes-per-second; 0 stalls them.",
        NetworkFault.Kind.BANDWIDTH, List.of(Param.required("kilobytes-per-second", INT, "The rate in KB/s.")),
        (args, hop) -> Faults.bandwidth(hop, args.longValue("kilobytes-per-second")),
        n -> Map.of("kilobytes-per-second", n.value()));
    toxic(forms, "timeout", "Connections on the hop go silent and close after after (0s: stay open, silent).",
        NetworkFault.Kind.TIMEOUT, List.of(Param.required("after", DURATION, "When the silent connection closes.")),
        (args, hop) -> Faults.timeout(hop, args.duration("after")),
        n -> Map.of("after", Durations.format(Duration.ofMillis(n.value()))));
    toxic(forms, "reset-peer", "Connections on the hop are reset (TCP RST) after after.",
        NetworkFault.Kind.RESET_PEER, List.of(Param.required("after", DURATION, "When the connection is reset.")),
        (args, hop) -> Faults.resetPeer(hop, args.duration("after")),
        n -> Map.of("after", Durations.format(Duration.ofMillis(n.value()))));
    toxic(forms, "slicer", "Answers on the hop arrive in pieces of about average-bytes, delay apart.",
        NetworkFault.Kind.SLICER, List.of(Param.required("average-bytes", INT, "The average piece size in bytes."),
            Param.required("delay", DURATION, "The pause between pieces, e.g. 500us.")),
        (args, hop) -> Faults.slicer(hop, args.longValue("average-bytes"), args.duration("delay").toNanos() / 1000),
        n -> map("average-bytes", n.value(), "delay", Durations.format(Duration.ofNanos(n.extra() * 1000))));
    toxic(forms, "limit-data", "Connections on the hop close after bytes of answer.", NetworkFault.Kind.LIMIT_DATA,
        List.of(Param.required("bytes", INT, "How many bytes pass before the connection closes.")),
        (args, hop) -> Faults.limitData(hop, args.longValue("bytes")), n -> Map.of("bytes", n.value()));
    toxic(forms, "slow-close", "Connections on the hop close delay after the service closed them.",
        NetworkFault.Kind.SLOW_CLOSE, List.of(Param.required("delay", DURATION, "How late the close comes.")),
        (args, hop) -> Faults.slowClose(hop, args.duration("delay")),
        n -> Map.of("delay", Durations.format(Duration.ofMillis(n.value()))));
  }

  private interface HopFault {
    NetworkFault build(Args args, Service hop);
  }

  private static void toxic(List<FaultForm> forms, String name, String description, NetworkFault.Kind kind,
      List<Param> own, HopFault build, Function<NetworkFault, Map<String, Object>> write) {
    List<Param> params = new ArrayList<>();
    params.add(SERVICE);
    params.addAll(own);
    if (kind != NetworkFault.Kind.OUTAGE) {
      params.add(UPSTREAM);
    }
    forms.add(new FaultForm(name, "network", description, List.copyOf(params), true, args -> {
      NetworkFault fault = build.build(args, args.hop("service"));
      return args.flag("upstream") ? fault.upstream() : fault;
    }, fault -> {
      if (!(fault instanceof NetworkFault n) || n.kind() != kind || n.services().size() != 1) {
        return Optional.empty();
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("service", n.services().get(0).id());
      fields.putAll(write.apply(n));
      if (n.isUpstream()) {
        fields.put("upstream", true);
      }
      return Optional.of(fields);
    }));
  }

  private static void model(List<FaultForm> forms) {
    model(forms, "model-rate-limited", "The model answers 429 with Retry-After.", "rate_limited",
        List.of(Param.required("retry-after", DURATION, "The Retry-After the model sends, e.g. 1s.")),
        args -> ModelFault.rateLimited(args.duration("retry-after")),
        wire -> Map.of("retry-after", Durations.format(Duration.ofMillis(
            Math.round(((Number) wire.get("retryAfterSeconds")).doubleValue() * 1000)))));
    model(forms, "model-server-error", "The model answers a 5xx.", "server_error",
        List.of(Param.required("status", HTTP_STATUS, "The status, e.g. 503.")),
        args -> ModelFault.serverError(args.integer("status")), wire -> Map.of("status", wire.get("status")));
    model(forms, "model-overloaded", "The model answers 529 overloaded.", "overloaded", List.of(),
        args -> ModelFault.overloaded(), wire -> Map.of());
    model(forms, "model-delay", "The model answers delay late.", "delay",
        List.of(Param.required("delay", DURATION, "How late.")), args -> ModelFault.delay(args.duration("delay")),
        wire -> Map.of("delay", millis(wire.get("delayMillis"))));
    model(forms, "model-malformed-json", "The model answers with a body that is not JSON.", "malformed_json",
        List.of(), args -> ModelFault.malformedJson(), wire -> Map.of());
    model(forms, "model-stream-cut", "The model's event stream is cut after after-chunks chunks, no [DONE].",
        "stream_cut", List.of(Param.required("after-chunks", POSITIVE_INT, "How many chunks arrive.")),
        args -> ModelFault.streamCutAfter(args.integer("after-chunks")),
        wire -> Map.of("after-chunks", wire.get("chunks")));
    model(forms, "model-slow-stream", "The model's event stream sends a chunk every per-chunk.", "slow_stream",
        List.of(Param.required("per-chunk", DURATION, "The pause before each chunk.")),
        args -> ModelFault.slowStream(args.duration("per-chunk")),
        wire -> Map.of("per-chunk", millis(wire.get("perChunkMillis"))));
    model(forms, "model-context-overflow", "The model answers 400 context_length_exceeded once the conversation"
        + " passes token-budget tokens.", "context_length_exceeded",
        List.of(Param.required("token-budget", POSITIVE_INT, "The conversation's token budget.")),
        args -> ModelFault.contextLengthExceeded(args.integer("token-budget")),
        wire -> Map.of("token-budget", wire.get("tokenBudget")));
    model(forms, "model-wrong-tool-arguments", "The model asks for the right tool with wrong arguments.",
        "wrong_tool_arguments", List.of(Param.optional("seed", INT, "Which wrong arguments (default 0).")),
        args -> ModelFault.wrongToolArguments(args.has("seed") ? args.longValue("seed") : 0),
        wire -> ((Number) wire.get("seed")).longValue() == 0 ? Map.of() : Map.of("seed", wire.get("seed")));
  }

  private static void model(List<FaultForm> forms, String name, String description, String wireType,
      List<Param> own, Function<Args, ModelFault> build, Function<Map<String, Object>, Map<String, Object>> write) {
    List<Param> params = new ArrayList<>(own);
    params.add(FOR_REQUESTS);
    params.add(ON_TOOL);
    forms.add(new FaultForm(name, "model", description, List.copyOf(params), true, args -> {
      ModelFault fault = build.apply(args);
      if (args.has("for-requests")) {
        fault = fault.forRequests(args.integer("for-requests"));
      }
      if (args.has("on-tool")) {
        fault = fault.whenToolCall(args.string("on-tool"));
      }
      return Faults.model(fault);
    }, fault -> {
      if (!(fault instanceof ServiceFault s) || !(s.serviceFault() instanceof ModelFault m)
          || !wireType.equals(m.toWire().get("type"))) {
        return Optional.empty();
      }
      Map<String, Object> wire = m.toWire();
      Map<String, Object> fields = new LinkedHashMap<>(write.apply(wire));
      putIfPresent(fields, "for-requests", wire.get("forRequests"));
      putIfPresent(fields, "on-tool", wire.get("whenToolCall"));
      return Optional.of(fields);
    }));
  }

  private static void mcp(List<FaultForm> forms) {
    mcp(forms, "mcp-session-expired", "The MCP server forgets every session: the next request on one is 404; the"
        + " agent must initialize again and carry on.", List.of(), args -> McpFault.expireSessions(),
        McpFault.ExpireSessions.class, f -> Map.of());
    mcp(forms, "mcp-server-restart", "The MCP server restarts during the next tool call: the call commits at the"
        + " service, its answer is lost, every session is gone.", List.of(), args -> McpFault.restart(),
        McpFault.Restart.class, f -> Map.of());
    mcp(forms, "mcp-tools-changed", "The tool list changes (notifications/tools/list_changed): tool is renamed to"
        + " renamed-to, or its input schema becomes schema (JSON).",
        List.of(TOOL, Param.optional("renamed-to", STRING, "The tool's new name."),
            Param.optional("schema", STRING, "The tool's new input schema, as JSON.")),
        args -> args.has("schema") && !args.has("renamed-to")
            ? McpFault.changeSchema(args.string("tool"), args.string("schema"))
            : McpFault.renameTool(args.string("tool"), args.has("renamed-to") ? args.string("renamed-to")
                : args.string("tool") + "_v2"),
        McpFault.class, f -> f instanceof McpFault.RenameTool r ? Map.of("tool", r.from(), "renamed-to", r.to())
            : f instanceof McpFault.ChangeSchema c ? Map.of("tool", c.tool(), "schema", c.newSchemaJson()) : null);
    mcp(forms, "mcp-auth-expired", "Every token presented to the MCP server so far is refused (401): the agent must"
        + " exchange a fresh one and carry on.", List.of(), args -> McpFault.expireAuthorization(),
        McpFault.ExpireAuthorization.class, f -> Map.of());
    mcp(forms, "mcp-stream-dropped", "The next call of tool commits at the service, then its event stream closes"
        + " before the result.", List.of(TOOL), args -> McpFault.dropStream(args.string("tool")),
        McpFault.DropStream.class, f -> Map.of("tool", ((McpFault.DropStream) f).tool()));
    mcp(forms, "mcp-slow-tool", "Calls of tool answer delay late (longer than the agent's timeout, to test it).",
        List.of(TOOL, Param.required("delay", DURATION, "How late.")),
        args -> McpFault.slowTool(args.string("tool"), args.duration("delay")), McpFault.SlowTool.class,
        f -> Map.of("tool", ((McpFault.SlowTool) f).tool(), "delay", Durations.format(((McpFault.SlowTool) f).delay())));
    mcp(forms, "mcp-tool-error", "The next times calls of tool return a tool result with isError, reaching no"
        + " service.", List.of(TOOL, Param.optional("times", POSITIVE_INT, "How many calls (default 1).")),
        args -> McpFault.toolError(args.string("tool"), args.has("times") ? args.integer("times") : 1),
        McpFault.ToolError.class, f -> {
          McpFault.ToolError e = (McpFault.ToolError) f;
          return e.times() == 1 ? Map.of("tool", e.tool()) : Map.of("tool", e.tool(), "times", e.times());
        });
  }

  private static void mcp(List<FaultForm> forms, String name, String description, List<Param> params,
      Function<Args, McpFault> build, Class<? extends McpFault> kind,
      Function<McpFault, Map<String, Object>> write) {
    forms.add(new FaultForm(name, "mcp", description, params, true, args -> Faults.mcp(build.apply(args)),
        fault -> {
          if (!(fault instanceof ServiceFault s) || !(s.serviceFault() instanceof McpFault m) || !kind.isInstance(m)) {
            return Optional.empty();
          }
          Map<String, Object> fields = write.apply(m);
          return fields == null ? Optional.empty() : Optional.of(new LinkedHashMap<>(fields));
        }));
  }

  private static void crm(List<FaultForm> forms) {
    crm(forms, "crm-server-error", "The CRM answers a 5xx.", CrmFault.Type.SERVER_ERROR,
        List.of(Param.required("status", HTTP_STATUS, "The status, e.g. 503.")),
        args -> CrmFault.serverError(args.integer("status")), c -> Map.of("status", c.status()));
    crm(forms, "crm-slow", "The CRM answers delay late.", CrmFault.Type.SLOW,
        List.of(Param.required("delay", DURATION, "How late.")), args -> CrmFault.slow(args.duration("delay")),
        c -> Map.of("delay", Durations.format(c.delay())));
    crm(forms, "crm-conflict", "The CRM answers 409 conflict.", CrmFault.Type.CONFLICT, List.of(),
        args -> CrmFault.conflict(), c -> Map.of());
    crm(forms, "crm-commit-then-drop", "The CRM stores the write and drops the connection before answering: the"
        + " effect exists, the agent cannot know.", CrmFault.Type.COMMIT_THEN_DROP, List.of(),
        args -> CrmFault.commitThenDropResponse(), c -> Map.of());
  }

  private static void crm(List<FaultForm> forms, String name, String description, CrmFault.Type type,
      List<Param> own, Function<Args, CrmFault> build, Function<CrmFault, Map<String, Object>> write) {
    List<Param> params = new ArrayList<>(own);
    params.add(type == CrmFault.Type.COMMIT_THEN_DROP
        ? Param.required("operation", STRING, "The CRM operation whose write commits, e.g. place_order.")
        : OPERATION);
    params.add(FOR_REQUESTS);
    forms.add(new FaultForm(name, "crm", description, List.copyOf(params), true, args -> {
      if (args.stubbed()) {
        return Faults.stubbedServices(stubFault(type, build.apply(args), args));
      }
      CrmFault fault = build.apply(args);
      if (args.has("operation")) {
        fault = fault.on(args.string("operation"));
      }
      if (args.has("for-requests")) {
        fault = fault.forRequests(args.integer("for-requests"));
      }
      return Faults.crm(fault);
    }, fault -> {
      if (fault instanceof ServiceFault s && s.serviceFault() instanceof StubFault stub
          && stub.type().name().equals(type.name())) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (type == CrmFault.Type.SERVER_ERROR) {
          fields.put("status", stub.status());
        }
        if (type == CrmFault.Type.SLOW) {
          fields.put("delay", Durations.format(stub.delay()));
        }
        stub.operation().ifPresent(op -> fields.put("operation", op));
        stub.requestLimit().ifPresent(n -> fields.put("for-requests", n));
        return Optional.of(fields);
      }
      if (!(fault instanceof ServiceFault s) || !(s.serviceFault() instanceof CrmFault c) || c.type() != type) {
        return Optional.empty();
      }
      Map<String, Object> fields = new LinkedHashMap<>(write.apply(c));
      c.operation().ifPresent(op -> fields.put("operation", op));
      c.requestLimit().ifPresent(n -> fields.put("for-requests", n));
      return Optional.of(fields);
    }));
  }

  /** The CRM fault {@code crm} (without its operation and limit), as the stub service's, with them. */
  private static StubFault stubFault(CrmFault.Type type, CrmFault crm, Args args) {
    StubFault fault = switch (type) {
      case SERVER_ERROR -> StubFault.serverError(crm.status());
      case SLOW -> StubFault.slow(crm.delay());
      case CONFLICT -> StubFault.conflict();
      case COMMIT_THEN_DROP -> StubFault.commitThenDropResponse();
    };
    if (args.has("operation")) {
      fault = fault.on(args.string("operation"));
    }
    return args.has("for-requests") ? fault.forRequests(args.integer("for-requests")) : fault;
  }

  private static void identityProvider(List<FaultForm> forms) {
    idp(forms, "identity-outage", "The identity provider answers nothing: every endpoint fails.",
        IdentityFault.Type.OUTAGE, List.of(), args -> IdentityFault.outage(), f -> Map.of());
    idp(forms, "identity-token-error", "The token endpoint answers an error status.",
        IdentityFault.Type.TOKEN_ENDPOINT_ERROR, List.of(Param.required("status", HTTP_STATUS, "The status, e.g. 503.")),
        args -> IdentityFault.tokenEndpointError(args.integer("status")), f -> Map.of("status", f.status()));
    idp(forms, "identity-slow-token-endpoint", "Every token request takes delay.",
        IdentityFault.Type.SLOW_TOKEN_ENDPOINT, List.of(Param.required("delay", DURATION, "How long.")),
        args -> IdentityFault.slowTokenEndpoint(args.duration("delay")),
        f -> Map.of("delay", Durations.format(f.delay())));
  }

  private static void idp(List<FaultForm> forms, String name, String description, IdentityFault.Type type,
      List<Param> own, Function<Args, IdentityFault> build, Function<IdentityFault, Map<String, Object>> write) {
    List<Param> params = new ArrayList<>(own);
    params.add(FOR_REQUESTS);
    forms.add(new FaultForm(name, "identity provider", description, List.copyOf(params), true, args -> {
      IdentityFault fault = build.apply(args);
      return Faults.identity(args.has("for-requests") ? fault.forRequests(args.integer("for-requests")) : fault);
    }, fault -> {
      if (!(fault instanceof ServiceFault s) || !(s.serviceFault() instanceof IdentityFault f) || f.type() != type) {
        return Optional.empty();
      }
      Map<String, Object> fields = new LinkedHashMap<>(write.apply(f));
      f.requestLimit().ifPresent(n -> fields.put("for-requests", n));
      return Optional.of(fields);
    }));
  }

  private static String millis(Object wireMillis) {
    return Durations.format(Duration.ofMillis(((Number) wireMillis).longValue()));
  }

  private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
