package dev.crashtest.env;

import dev.crashtest.fakes.InjectedFault;
import dev.crashtest.fakes.model.ModelFault;

/** What the harness does to the model endpoint, wherever it runs. */
public interface ModelService {
  /** Applies a fault to the endpoint's own answers until healed. */
  InjectedFault inject(ModelFault fault);
}
