package dev.crashtest.fakes.mcp.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 9728 protected-resource metadata at {@value #PATH} (and {@value #PATH}{@code /mcp}, where clients that append
 * the resource's path look): the resource, its authorization server, the scopes its tools use, bearer in the header.
 */
final class ResourceMetadata {
  static final String PATH = "/.well-known/oauth-protected-resource";

  private final URI resource;
  private final URI issuer;
  private final List<String> scopes;

  ResourceMetadata(URI resource, URI issuer, List<String> scopes) {
    this.resource = resource;
    this.issuer = issuer;
    this.scopes = scopes.stream().filter(Objects::nonNull).distinct().sorted().toList();
  }

  void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    if (!"GET".equals(request.getMethod()) || !(path.equals(PATH) || path.equals(PATH + Front.MCP_PATH))) {
      Front.writeJson(response, 404, Map.of("error", "not_found", "message", "the metadata is at GET " + PATH));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("resource", resource.toString());
    body.put("authorization_servers", List.of(issuer.toString()));
    body.put("scopes_supported", scopes);
    body.put("bearer_methods_supported", List.of("header"));
    Front.writeJson(response, 200, body);
  }
}
