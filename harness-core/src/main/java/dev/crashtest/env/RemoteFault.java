package dev.crashtest.env;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.InjectedFault;
import java.util.Map;

/** A fault a fake in a container applies, injected and healed through its {@code /__crashtest/faults} API. */
final class RemoteFault implements InjectedFault {
  static final String PATH = "/__crashtest/faults";

  private final AdminClient admin;
  private final String id;
  private final String description;
  private volatile boolean healed;

  private RemoteFault(AdminClient admin, String id, String description) {
    this.admin = admin;
    this.id = id;
    this.description = description;
  }

  static RemoteFault inject(AdminClient admin, Map<String, Object> wire) {
    JsonNode answer = admin.post(PATH, wire);
    return new RemoteFault(admin, answer.path("id").asText(), answer.path("description").asText());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return !healed && entry() != null;
  }

  @Override
  public int hits() {
    JsonNode entry = entry();
    return entry == null ? 0 : entry.path("hits").asInt();
  }

  private JsonNode entry() {
    for (JsonNode fault : admin.get(PATH)) {
      if (id.equals(fault.path("id").asText())) {
        return fault;
      }
    }
    return null;
  }

  @Override
  public void heal() {
    if (healed) {
      return;
    }
    healed = true;
    try {
      admin.delete(PATH + "/" + id);
    } catch (EnvironmentException alreadyGone) {
      // used up (forRequests) or healed already: nothing left to stop
    }
  }
}
