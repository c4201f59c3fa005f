package dev.crashtest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that gets a fresh Crashtest {@link dev.crashtest.env.Environment} and a
 * {@link dev.crashtest.scenario.ScenarioRunner} as parameters.
 *
 * <pre>{@code
 * @CrashtestTest
 * void my_agent_survives_a_crash(ScenarioRunner runner, @Seed long seed) {
 *   assertThat(runner.run(scenario("crash-after-place-order"), myAgent, seed)).passed();  // Crashtest.*
 * }
 * }</pre>
 *
 * <p>Use {@code @RegisterExtension CrashtestExtension.builder()...build()} instead to set the seed or output.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(CrashtestExtension.class)
public @interface CrashtestTest {}
