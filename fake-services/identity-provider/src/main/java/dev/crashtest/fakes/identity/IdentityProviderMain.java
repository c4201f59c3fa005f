package dev.crashtest.fakes.identity;

import dev.crashtest.fakes.StandaloneOptions;
import java.time.Duration;
import java.util.List;

/**
 * Runs an {@link IdentityProvider} as its own process and prints {@code identity listening on <url>} once it listens.
 *
 * <pre>{@code
 * java -cp ... dev.crashtest.fakes.identity.IdentityProviderMain --port 0 \
 *     --client procurement-agent:s3cret,other-agent:t0p --seed 42 --events-url http://127.0.0.1:40100/events
 * }</pre>
 *
 * <p>Options: {@code --port N} (0 = any free port), {@code --host H} (default 127.0.0.1), {@code --client
 * id:secret[,id:secret...]}, {@code --issuer-id ID} (default crashtest), {@code --seed N} (reproducible jtis),
 * {@code --token-lifetime SECONDS} (default 300), {@code --public-url URL} (where clients reach it, e.g. through a
 * proxy; see {@link IdentityProviderBuilder#withPublicUrl}), {@code --events-url URL} (each event POSTed there,
 * see {@link dev.crashtest.fakes.HttpEventListener}). A bad option prints one line on stderr and exits with status 2.
 * The provider's Java API is served over HTTP under {@code /__crashtest/identity}; see {@link IdentityProvider}.
 */
public final class IdentityProviderMain {
  static final String SERVICE = IdentityEvents.SERVICE;
  static final List<String> OPTIONS =
      List.of("client", "issuer-id", "seed", "token-lifetime", "public-url", StandaloneOptions.EVENTS_URL);

  private IdentityProviderMain() {}

  public static void main(String[] args) throws InterruptedException {
    IdentityProvider idp;
    try {
      idp = start(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    StandaloneOptions.announceAndWait(SERVICE, idp);
  }

  /**
   * Parses the options and starts the server.
   *
   * @throws IllegalArgumentException with a one-line message for a bad option
   */
  public static IdentityProvider start(String[] args) {
    return builder(StandaloneOptions.parse(SERVICE, args, OPTIONS)).start();
  }

  static IdentityProviderBuilder builder(StandaloneOptions options) {
    IdentityProviderBuilder builder =
        IdentityProvider.builder()
            .withHost(options.host())
            .withPort(options.port())
            .withIssuerId(options.value("issuer-id", IdentityProvider.DEFAULT_ISSUER_ID))
            .withTokenLifetime(Duration.ofSeconds(number(options, "token-lifetime", "300")))
            .withEventListener(options.eventListener());
    String seed = options.value("seed", null);
    if (seed != null) {
      builder.withSeed(number(options, "seed", seed));
    }
    String publicUrl = options.value("public-url", null);
    if (publicUrl != null) {
      try {
        builder.withPublicUrl(new java.net.URI(publicUrl));
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(SERVICE + ": --public-url [" + publicUrl + "] is not a URL,"
            + " e.g. --public-url http://127.0.0.1:41003");
      }
    }
    String clients = options.value("client", "");
    String[] entries = clients.isEmpty() ? new String[0] : clients.split(",");
    for (int i = 0; i < entries.length; i++) {
      String client = entries[i];
      int colon = client.indexOf(':');
      if (colon <= 0 || colon == client.length() - 1) {
        // The entry may hold a secret: name its position, never its text.
        throw new IllegalArgumentException(
            SERVICE + ": --client entry [" + (i + 1) + "] is not id:secret, e.g. --client procurement-agent:s3cret");
      }
      builder.withClient(client.substring(0, colon), client.substring(colon + 1));
    }
    return builder;
  }

  private static long number(StandaloneOptions options, String name, String defaultValue) {
    String raw = options.value(name, defaultValue);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SERVICE + ": --" + name + " [" + raw + "] is not a whole number");
    }
  }
}
