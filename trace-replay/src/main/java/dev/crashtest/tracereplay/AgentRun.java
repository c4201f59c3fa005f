package dev.crashtest.tracereplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's run in a trace, read under the OpenTelemetry GenAI semantic conventions (v1.41.0): the model calls
 * ({@code chat} spans with {@code gen_ai.input.messages}/{@code gen_ai.output.messages}), the tool executions
 * ({@code execute_tool} spans, each with the HTTP client span of its service call), the token requests (HTTP client
 * spans to a {@code /token} endpoint) and the processes that ran them ({@code service.instance.id}). A process whose
 * spans name a parent that is not in the file died: its {@code invoke_agent} span never ended, so it was never
 * exported.
 */
final class AgentRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One model call: answered (tool calls or text) or failed with a status. */
  record ModelCall(TraceSpan span, int nth, boolean failed, Optional<Integer> status, Optional<String> retryAfter,
      Optional<String> lastToolResult, List<AskedTool> asked, Optional<String> text, Optional<String> goal,
      boolean fromTheStart) {}

  /** A tool the model asked for, with its arguments. */
  record AskedTool(String name, JsonNode arguments) {}

  /** One tool execution and, when it called a service, that HTTP call. */
  record ToolCall(TraceSpan span, String name, JsonNode arguments, Optional<JsonNode> result, boolean failed,
      Optional<TraceSpan> http, int nth) {

    Optional<String> service() {
      return http.flatMap(call -> call.text("server.address").or(() -> hostOf(call))).map(AgentRun::serviceName);
    }

    Optional<String> method() {
      return http.flatMap(call -> call.text("http.request.method")).map(m -> m.toUpperCase(Locale.ROOT));
    }

    Optional<Integer> status() {
      return http.flatMap(TraceSpan::httpStatus).or(() -> span.httpStatus());
    }

    boolean isWrite() {
      return method().map(m -> !m.equals("GET") && !m.equals("HEAD") && !m.equals("OPTIONS")).orElse(false);
    }

    boolean timedOut() {
      String type = http.flatMap(call -> call.text("error.type")).or(() -> span.text("error.type")).orElse("");
      return type.toLowerCase(Locale.ROOT).contains("timeout") || span.events().stream()
          .anyMatch(e -> String.valueOf(e.attributes().get("exception.type")).toLowerCase(Locale.ROOT)
              .contains("timeout"));
    }
  }

  /** A request to an identity provider's token endpoint. */
  record TokenCall(TraceSpan span, boolean failed, Optional<Integer> status) {}

  /** A process of the agent: its spans, and whether it died before its run span ended. */
  record AgentProcess(String id, long firstStart, long lastEnd, boolean died, List<TraceSpan> spans) {}

  final Path file;
  final List<TraceSpan> all;
  final Optional<String> conversation;
  final List<TraceSpan> spans;
  final List<ModelCall> modelCalls = new ArrayList<>();
  final List<ToolCall> toolCalls = new ArrayList<>();
  final List<TokenCall> tokenCalls = new ArrayList<>();
  final List<AgentProcess> processes = new ArrayList<>();
  /** Processes of the same service that started after the run's first one, with no span of the run. */
  final List<AgentProcess> laterProcesses = new ArrayList<>();
  private final Map<String, List<TraceSpan>> children = new HashMap<>();
  private final Map<String, TraceSpan> byId = new HashMap<>();

  private AgentRun(Path file, List<TraceSpan> all, Optional<String> conversation, List<TraceSpan> spans) {
    this.file = file;
    this.all = all;
    this.conversation = conversation;
    this.spans = spans;
    for (TraceSpan span : all) {
      children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
      byId.putIfAbsent(span.spanId(), span);
    }
    read();
  }

  /**
   * The run of {@code conversation} (its {@code gen_ai.conversation.id}), or the only one in the file.
   *
   * @throws TraceImportException when the file has no GenAI spans, several runs and none chosen, or no recorded
   *     model answer
   */
  static AgentRun of(Path file, List<TraceSpan> all, Optional<String> conversation) {
    List<TraceSpan> genAi = all.stream().filter(TraceSpan::isGenAi).toList();
    if (genAi.isEmpty()) {
      throw new TraceImportException(file + ": no GenAI spans: none of its " + all.size() + " span(s) has "
          + TraceSpan.OPERATION + " (chat, execute_tool, invoke_agent); instrument the agent with the OpenTelemetry"
          + " GenAI semantic conventions (docs/trace-replay.md)");
    }
    Set<String> conversations = new TreeSet<>();
    genAi.forEach(span -> span.text("gen_ai.conversation.id").ifPresent(conversations::add));
    Optional<String> chosen;
    if (conversation.isPresent()) {
      if (!conversations.contains(conversation.get())) {
        throw new TraceImportException(file + ": no GenAI span has gen_ai.conversation.id [" + conversation.get()
            + "]; the trace has " + (conversations.isEmpty() ? "none" : String.join(", ", conversations)));
      }
      chosen = conversation;
    } else if (conversations.size() > 1) {
      throw new TraceImportException(file + ": " + conversations.size() + " agent runs (gen_ai.conversation.id "
          + String.join(", ", conversations) + "); choose one with --conversation ID");
    } else {
      chosen = conversations.stream().findFirst();
    }
    Set<String> traces = new HashSet<>();
    for (TraceSpan span : genAi) {
      if (chosen.isEmpty() || chosen.equals(span.text("gen_ai.conversation.id"))) {
        traces.add(span.traceId());
      }
    }
    List<TraceSpan> run = all.stream().filter(span -> traces.contains(span.traceId()))
        .sorted(Comparator.comparingLong(TraceSpan::startNanos)).toList();
    AgentRun agentRun = new AgentRun(file, all, chosen, run);
    if (agentRun.modelCalls.stream().noneMatch(call -> !call.failed())) {
      throw new TraceImportException(file + ": no model answer recorded: no chat span of the run has "
          + "gen_ai.output.messages; turn on content capture in the agent's GenAI instrumentation (e.g."
          + " OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true) and export again");
    }
    return agentRun;
  }

  private void read() {
    Set<String> tokenSpans = new HashSet<>();
    for (TraceSpan span : spans) {
      if (span.isHttpClient() && isTokenEndpoint(span) && !underChat(span)) {
        tokenSpans.add(span.spanId());
        tokenCalls.add(new TokenCall(span, span.error() || span.httpStatus().map(s -> s >= 400).orElse(false),
            span.httpStatus()));
      }
    }
    Map<String, Integer> toolCounts = new HashMap<>();
    int nthModel = 0;
    for (TraceSpan span : spans) {
      String operation = span.operation().orElse("");
      if (operation.equals("chat") || operation.equals("text_completion") || operation.equals("generate_content")) {
        modelCalls.add(modelCall(span, ++nthModel));
      } else if (operation.equals("execute_tool")) {
        String name = span.text("gen_ai.tool.name").orElse(span.name().replaceFirst("^execute_tool\\s*", ""));
        int nth = toolCounts.merge(name, 1, Integer::sum);
        Optional<TraceSpan> http = descendants(span).stream()
            .filter(child -> child.isHttpClient() && !tokenSpans.contains(child.spanId())).findFirst()
            .or(() -> httpDuring(span, tokenSpans));
        Optional<JsonNode> result = span.text("gen_ai.tool.call.result").map(AgentRun::json);
        boolean failed = span.error() || http.flatMap(TraceSpan::httpStatus).map(s -> s >= 400).orElse(false);
        toolCalls.add(new ToolCall(span, name, span.text("gen_ai.tool.call.arguments").map(AgentRun::json)
            .orElse(JSON.createObjectNode()), failed ? Optional.empty() : result, failed, http, nth));
      }
    }
    Set<String> ids = new HashSet<>();
    all.forEach(span -> ids.add(span.spanId()));
    Map<String, List<TraceSpan>> byProcess = new LinkedHashMap<>();
    spans.forEach(span -> byProcess.computeIfAbsent(span.process(), k -> new ArrayList<>()).add(span));
    Set<String> serviceNames = new HashSet<>();
    spans.forEach(span -> serviceNames.add(span.serviceName()));
    byProcess.forEach((id, processSpans) -> {
      boolean died = processSpans.stream().anyMatch(span -> !span.parentSpanId().isEmpty()
          && !ids.contains(span.parentSpanId()));
      processes.add(new AgentProcess(id, processSpans.stream().mapToLong(TraceSpan::startNanos).min().orElse(0),
          processSpans.stream().mapToLong(TraceSpan::endNanos).max().orElse(0), died, processSpans));
    });
    processes.sort(Comparator.comparingLong(AgentProcess::firstStart));
    long runStart = processes.isEmpty() ? 0 : processes.get(0).firstStart();
    Map<String, List<TraceSpan>> others = new LinkedHashMap<>();
    for (TraceSpan span : all) {
      if (!byProcess.containsKey(span.process()) && serviceNames.contains(span.serviceName())
          && span.startNanos() > runStart) {
        others.computeIfAbsent(span.process(), k -> new ArrayList<>()).add(span);
      }
    }
    others.forEach((id, processSpans) -> laterProcesses.add(new AgentProcess(id,
        processSpans.stream().mapToLong(TraceSpan::startNanos).min().orElse(0),
        processSpans.stream().mapToLong(TraceSpan::endNanos).max().orElse(0), false, processSpans)));
    laterProcesses.sort(Comparator.comparingLong(AgentProcess::firstStart));
  }

  private ModelCall modelCall(TraceSpan span, int nth) {
    Optional<TraceSpan> http = descendants(span).stream().filter(TraceSpan::isHttpClient).findFirst();
    Optional<JsonNode> output = span.text("gen_ai.output.messages").map(AgentRun::json)
        .filter(node -> node.isArray() && !node.isEmpty());
    boolean failed = span.error() || output.isEmpty();
    Optional<Integer> status = span.httpStatus().or(() -> http.flatMap(TraceSpan::httpStatus));
    Optional<String> retryAfter = http.flatMap(call -> call.text("http.response.header.retry-after"))
        .or(() -> span.text("http.response.header.retry-after"));
    JsonNode input = span.text("gen_ai.input.messages").map(AgentRun::json).orElse(JSON.createArrayNode());
    Map<String, String> callNames = new HashMap<>();
    Optional<String> lastTool = Optional.empty();
    Optional<String> goal = Optional.empty();
    boolean anyTool = false;
    for (JsonNode message : input) {
      String role = message.path("role").asText();
      for (JsonNode part : message.path("parts")) {
        String type = part.path("type").asText();
        if (type.equals("tool_call")) {
          callNames.put(part.path("id").asText(), part.path("name").asText());
        } else if (type.equals("tool_call_response")) {
          anyTool = true;
          String name = callNames.getOrDefault(part.path("id").asText(), part.path("name").asText(""));
          lastTool = name.isEmpty() ? lastTool : Optional.of(name);
        } else if (type.equals("text") && role.equals("user") && goal.isEmpty()) {
          goal = Optional.of(part.path("content").asText());
        }
      }
    }
    List<AskedTool> asked = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (JsonNode message : output.orElse(JSON.createArrayNode())) {
      for (JsonNode part : message.path("parts")) {
        String type = part.path("type").asText();
        if (type.equals("tool_call")) {
          JsonNode arguments = part.path("arguments");
          if (arguments.isTextual()) {
            arguments = json(arguments.asText());
          }
          asked.add(new AskedTool(part.path("name").asText(), arguments.isMissingNode() ? JSON.createObjectNode()
              : arguments));
        } else if (type.equals("text")) {
          text.append(part.path("content").asText());
        }
      }
    }
    return new ModelCall(span, nth, failed, failed ? status : Optional.empty(), retryAfter, lastTool,
        List.copyOf(asked), asked.isEmpty() && text.length() > 0 ? Optional.of(text.toString()) : Optional.empty(),
        goal, !anyTool);
  }

  /**
   * An HTTP client span of the same process that started while the tool ran but is not under it: instrumentations
   * that run a tool on another thread or task often lose the parent and attach the call to the agent's span.
   */
  private Optional<TraceSpan> httpDuring(TraceSpan tool, Set<String> tokenSpans) {
    return spans.stream().filter(span -> span.isHttpClient() && !tokenSpans.contains(span.spanId())
        && span.traceId().equals(tool.traceId()) && span.process().equals(tool.process())
        && span.startNanos() >= tool.startNanos() && span.startNanos() <= tool.endNanos() && !underChat(span)
        && !underTool(span)).findFirst();
  }

  private boolean underTool(TraceSpan span) {
    return under(span, "execute_tool");
  }

  /** Whether an ancestor of {@code span} is a GenAI span of {@code operation}. */
  private boolean under(TraceSpan span, String operation) {
    TraceSpan parent = byId.get(span.parentSpanId());
    while (parent != null) {
      if (parent.operation().filter(operation::equals).isPresent()) {
        return true;
      }
      parent = byId.get(parent.parentSpanId());
    }
    return false;
  }


  List<TraceSpan> descendants(TraceSpan span) {
    List<TraceSpan> found = new ArrayList<>();
    Deque<TraceSpan> queue = new ArrayDeque<>(children.getOrDefault(span.spanId(), List.of()));
    while (!queue.isEmpty()) {
      TraceSpan next = queue.removeFirst();
      found.add(next);
      queue.addAll(children.getOrDefault(next.spanId(), List.of()));
    }
    found.sort(Comparator.comparingLong(TraceSpan::startNanos));
    return found;
  }

  private boolean underChat(TraceSpan span) {
    return under(span, "chat");
  }


  private static boolean isTokenEndpoint(TraceSpan span) {
    String path = pathOf(span).orElse("");
    return path.endsWith("/token") || path.contains("/oauth2/token") || path.contains("/protocol/openid-connect/token");
  }

  /** The goal the user gave: the first user message of the first answered model call. */
  Optional<String> goal() {
    return modelCalls.stream().map(ModelCall::goal).flatMap(Optional::stream).findFirst();
  }

  Optional<String> model() {
    return modelCalls.stream().map(call -> call.span().text("gen_ai.request.model")).flatMap(Optional::stream)
        .findFirst();
  }

  /** The tools in the order the run first executed (or asked for) them. */
  List<String> toolNames() {
    record Seen(long at, String name) {}
    List<Seen> seen = new ArrayList<>();
    toolCalls.forEach(call -> seen.add(new Seen(call.span().startNanos(), call.name())));
    modelCalls.forEach(call -> call.asked().forEach(asked -> seen.add(new Seen(call.span().startNanos(),
        asked.name()))));
    seen.sort(Comparator.comparingLong(Seen::at));
    return seen.stream().map(Seen::name).distinct().toList();
  }


  Optional<AgentProcess> processOf(TraceSpan span) {
    return processes.stream().filter(process -> process.id().equals(span.process())).findFirst();
  }

  static Optional<String> pathOf(TraceSpan span) {
    return span.text("url.full").flatMap(AgentRun::rawPath).or(() -> span.text("url.path"));
  }

  private static Optional<String> rawPath(String url) {
    try {
      return Optional.ofNullable(URI.create(url).getRawPath());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> hostOf(TraceSpan span) {
    return span.text("url.full").flatMap(url -> {
      try {
        return Optional.ofNullable(URI.create(url).getHost());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    });
  }

  /** {@code crm.acme.internal} → {@code crm}: the first label, as a workload service name. */
  static String serviceName(String host) {
    String first = host.toLowerCase(Locale.ROOT).split("\\.")[0].replaceAll("[^a-z0-9-]", "-");
    first = first.replaceAll("^[^a-z]+", "");
    return first.isEmpty() ? "service" : first;
  }

  static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      return TextNode.valueOf(text);
    } catch (RuntimeException e) {
      return NullNode.getInstance();
    }
  }
}
