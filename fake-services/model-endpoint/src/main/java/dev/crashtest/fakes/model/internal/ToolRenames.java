package dev.crashtest.fakes.model.internal;

import dev.crashtest.fakes.InjectedFault;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tools the model knows under a new name, as a model that read a changed tool list would (an MCP server renamed
 * them): the script's call of {@code from} goes to {@code to} when a request offers {@code to} and not {@code from},
 * and a result of {@code to} reads as {@code from}'s, so the script's conditions still hold. Served over HTTP by
 * {@link ToolRenameAdminTransformer}. Not API.
 *
 * <pre>{@code
 * InjectedFault rename = renames.add("place_order", "submit_order");
 * renames.offered("place_order", Set.of("submit_order"));   // submit_order
 * renames.original("submit_order");                         // place_order
 * }</pre>
 */
public final class ToolRenames implements ActiveFaults {
  private final Map<String, String> renamed = new ConcurrentHashMap<>();
  private final Map<String, Rename> active = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** From now on the model knows {@code from} as {@code to}; healing the returned fault forgets it. */
  public InjectedFault add(String from, String to) {
    Rename rename = new Rename("rename-" + ids.incrementAndGet(), from, to);
    renamed.put(from, to);
    synchronized (active) {
      active.put(rename.id, rename);
    }
    return rename;
  }

  /** The renames not healed yet, oldest first. */
  @Override
  public List<InjectedFault> active() {
    synchronized (active) {
      return List.copyOf(active.values());
    }
  }

  /** The active rename with this id, if any. */
  @Override
  public Optional<InjectedFault> find(String id) {
    synchronized (active) {
      return Optional.ofNullable(active.get(id));
    }
  }

  /** Forgets every rename. */
  @Override
  public void healAll() {
    active().forEach(InjectedFault::heal);
  }

  /** The name to call the script's tool {@code scripted} by, given the tool names a request offers. */
  String offered(String scripted, Set<String> offered) {
    String to = renamed.get(scripted);
    return to != null && !offered.contains(scripted) && offered.contains(to) ? to : scripted;
  }

  /** The script's name of a tool the conversation names {@code name}. */
  String original(String name) {
    for (Map.Entry<String, String> entry : renamed.entrySet()) {
      if (entry.getValue().equals(name)) {
        return entry.getKey();
      }
    }
    return name;
  }

  private final class Rename implements InjectedFault {
    private final String id;
    private final String from;
    private final String to;
    private volatile boolean healed;

    private Rename(String id, String from, String to) {
      this.id = id;
      this.from = from;
      this.to = to;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String description() {
      return "the model calls tool [" + from + "] by its new name [" + to + "] when offered";
    }

    @Override
    public boolean active() {
      return !healed;
    }

    @Override
    public int hits() {
      return 0;
    }

    @Override
    public void heal() {
      healed = true;
      synchronized (active) {
        active.remove(id);
      }
      renamed.remove(from, to);
    }
  }
}
