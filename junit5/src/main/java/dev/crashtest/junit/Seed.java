package dev.crashtest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} test parameter that receives the run seed of the {@link CrashtestExtension}.
 *
 * <pre>{@code
 * @CrashtestTest
 * void runs(ScenarioRunner runner, @Seed long seed) { runner.run(scenario, agent, seed); }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Seed {}
