package dev.crashtest.agent;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A command line that runs a main class in a JVM of its own (the same Java as the harness), tuned to start fast. */
final class JavaCommand {
  private JavaCommand() {}

  static List<String> of(List<Path> classpath, String mainClass, List<String> args) {
    String joined = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    return of(joined, mainClass, args);
  }

  static List<String> of(String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m"));
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(args);
    return command;
  }
}
