package dev.crashtest.fakes.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.InjectedFault;

/**
 * A fault a fake in another process applies, healed and counted through the API it was injected at (usually {@code
 * /__crashtest/faults}): {@code GET <path>} lists it with its hits, {@code DELETE <path>/<id>} heals it.
 */
final class RemoteFault implements InjectedFault {
  private final AdminClient admin;
  private final String path;
  private final String id;
  private final String description;
  private volatile boolean healed;

  RemoteFault(AdminClient admin, String path, String id, String description) {
    this.admin = admin;
    this.path = path;
    this.id = id;
    this.description = description;
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
    for (JsonNode fault : admin.get(path)) {
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
      admin.delete(path + "/" + id);
    } catch (AdminException alreadyGone) {
      // used up (forRequests) or healed already: nothing left to stop
    }
  }
}
