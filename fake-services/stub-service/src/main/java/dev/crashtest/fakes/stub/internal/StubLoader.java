package dev.crashtest.fakes.stub.internal;

import com.github.tomakehurst.wiremock.common.InvalidInputException;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappingCollection;
import dev.crashtest.fakes.stub.InvalidStubException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a service's stub mappings with WireMock's own parser, so a file WireMock would refuse is refused here, on
 * start, naming the file. A stubs directory is either WireMock's standalone layout ({@code mappings/} and {@code
 * __files/}) or the mapping files themselves (with {@code __files/} beside them for {@code bodyFileName}); each file
 * holds one mapping or {@code {"mappings": [...]}}.
 *
 * <pre>{@code
 * List<StubMapping> mappings = StubLoader.load("refunds", Path.of("stubs/refunds"));
 * }</pre>
 */
final class StubLoader {
  private StubLoader() {}

  static List<StubMapping> load(String service, Path stubs) {
    if (!Files.isDirectory(stubs)) {
      throw new IllegalArgumentException("stub-service: stubs directory [" + stubs + "] of service [" + service
          + "] does not exist; give the directory that holds its WireMock mappings (*.json)");
    }
    Path mappings = Files.isDirectory(stubs.resolve("mappings")) ? stubs.resolve("mappings") : stubs;
    List<StubMapping> loaded = new ArrayList<>();
    for (Path file : files(mappings)) {
      loaded.addAll(read(service, file));
    }
    return loaded;
  }

  /** Every stub file of {@code stubs} that is not a WireMock mapping, each as the exception loading it would throw. */
  static List<InvalidStubException> problems(String service, Path stubs) {
    Path mappings = Files.isDirectory(stubs.resolve("mappings")) ? stubs.resolve("mappings") : stubs;
    List<InvalidStubException> problems = new ArrayList<>();
    for (Path file : files(mappings)) {
      try {
        read(service, file);
      } catch (InvalidStubException e) {
        problems.add(e);
      }
    }
    return problems;
  }

  private static List<Path> files(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().endsWith(".json"))
          .filter(path -> !directory.relativize(path).toString().startsWith("__files"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("stub-service: cannot list stubs in [" + directory + "]", e);
    }
  }

  private static List<? extends StubMapping> read(String service, Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("stub-service: cannot read stub file [" + file + "]", e);
    }
    try {
      StubMappingCollection collection = Json.read(json, StubMappingCollection.class);
      List<? extends StubMapping> mappings = collection.getMappingOrMappings();
      for (StubMapping mapping : mappings) {
        if (mapping.getRequest() == null || mapping.getResponse() == null) {
          String missing = mapping.getRequest() == null ? "request" : "response";
          throw new InvalidStubException(service, file, "field [" + missing + "] is missing", null);
        }
      }
      return mappings;
    } catch (InvalidInputException e) {
      throw new InvalidStubException(service, file, reason(e), e);
    } catch (RuntimeException e) {
      if (e instanceof InvalidStubException invalid) {
        throw invalid;
      }
      throw new InvalidStubException(service, file, String.valueOf(e.getMessage()), e);
    }
  }

  /** WireMock's own words, on one line: the first error's detail, else its title. */
  private static String reason(InvalidInputException e) {
    String reason = e.getMessage();
    if (e.getErrors() != null && e.getErrors().first() != null) {
      var first = e.getErrors().first();
      reason = first.getDetail() == null || first.getDetail().isBlank() ? first.getTitle() : first.getDetail();
    }
    return String.valueOf(reason).strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
