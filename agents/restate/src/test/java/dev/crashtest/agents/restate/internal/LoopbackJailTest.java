package dev.crashtest.agents.restate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackJailTest {
  @TempDir Path dir;

  @Test
  void the_command_runs_after_binding_the_jails_hosts_and_resolver_files() throws Exception {
    List<String> command = LoopbackJail.in(dir).wrap(List.of("/bin/server", "--config-file", "c.toml"));

    assertThat(command).as("wrapped command")
        .startsWith("unshare", "--mount", "--propagation", "private")
        .endsWith("--", "/bin/sh", "-c",
            "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/resolv.conf && shift 2 && exec \"$@\"",
            "crashtest-loopback-jail", dir.resolve("hosts").toString(), dir.resolve("resolv.conf").toString(),
            "/bin/server", "--config-file", "c.toml");
  }

  @Test
  void githubs_names_resolve_to_loopback_and_every_other_name_asks_a_resolver_on_loopback() throws Exception {
    LoopbackJail.in(dir).wrap(List.of("true"));

    assertThat(Files.readString(dir.resolve("hosts"))).as("jail hosts file")
        .isEqualTo("127.0.0.1 localhost\n::1 localhost\n127.0.0.1 api.github.com uploads.github.com github.com\n"
            + "::1 api.github.com uploads.github.com github.com\n");
    assertThat(Files.readString(dir.resolve("resolv.conf"))).as("jail resolv.conf")
        .isEqualTo("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
  }
}
