package dev.crashtest.tracereplay;

import java.util.List;
import java.util.Map;

/**
 * One fault of the scenario file: its kind and fields as YAML values, the span it came from, the comments that say
 * what the trace showed (and, as {@code TODO:}, what it could not say), and a one-line summary for the command's
 * output.
 */
record FaultDraft(String kind, Map<String, String> fields, TraceSpan source, List<String> comments, String summary) {}
