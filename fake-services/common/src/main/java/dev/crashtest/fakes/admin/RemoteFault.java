package dev.crashtest.fakes.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crashtest.fakes.InjectedFault;

/** A fault a fake in another process applies, healed and counted through its {@code /__crashtest/faults} API. */
final class RemoteFault implements InjectedFault {
  private final AdminClient admin;
  private final String id;
  private final String description;
  private volatile boolean healed;

  RemoteFault(AdminClient admin, String id, String description) {
    this.admin = admin;
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
    for (JsonNode fault : admin.get(AdminClient.FAULTS_PATH)) {
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
      admin.delete(AdminClient.FAULTS_PATH + "/" + id);
    } catch (AdminException alreadyGone) {
      // used up (forRequests) or healed already: nothing left to stop
    }
  }
}
