package dev.crashtest.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crashtest.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogueFilesTest {

  @Test
  void every_built_in_file_reads_as_the_scenario_the_java_dsl_wrote() {
    List<Scenario> fromJava = CatalogueInJava.all();
    assertThat(Catalogue.names()).isEqualTo(fromJava.stream().map(Scenario::name).toList());
    for (Scenario scenario : fromJava) {
      assertThat(Catalogue.named(scenario.name())).as(scenario.name()).contains(scenario);
    }
  }

  @Test
  void the_index_lists_every_file_of_the_catalogue_directory() throws IOException {
    Path directory = Path.of("src/main/resources", Catalogue.RESOURCE_DIRECTORY);
    try (Stream<Path> files = Files.list(directory)) {
      List<String> yaml = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
          .sorted().toList();
      assertThat(yaml).isEqualTo(Catalogue.names().stream().map(name -> name + ".yaml").sorted().toList());
    }
  }

  @Test
  void the_java_face_returns_the_files_scenarios() {
    assertThat(Catalogue.crashAfterPlaceOrder()).isEqualTo(CatalogueInJava.crashAfterPlaceOrder());
    assertThat(Catalogue.files().get(0).path().toString()).isEqualTo("dev/crashtest/catalogue/happy-path.yaml");
    assertThat(Catalogue.files().get(0).sha256()).hasSize(64);
  }
}
