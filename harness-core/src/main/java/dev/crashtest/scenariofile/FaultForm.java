package dev.crashtest.scenariofile;

import dev.crashtest.scenario.Fault;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One kind of fault as a scenario file spells it ({@code fault: kill-agent}): its fields, how they build the fault,
 * and how a fault of this kind is written back.
 *
 * @param heals whether the fault takes {@code lasting} or {@code until}
 * @param write the fault's own fields when {@code fault} is of this kind, empty otherwise
 */
record FaultForm(String name, String family, String description, List<Param> params, boolean heals,
    Function<Args, Fault> build, Function<Fault, Optional<Map<String, Object>>> write) {
}
