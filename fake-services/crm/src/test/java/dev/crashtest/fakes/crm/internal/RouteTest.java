package dev.crashtest.fakes.crm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void every_contract_call_has_its_operation_and_scope() {
    assertThat(List.of(
            Route.of("GET", "/accounts/ACME-001"),
            Route.of("POST", "/quotes"),
            Route.of("GET", "/quotes/Q-0001"),
            Route.of("POST", "/orders"),
            Route.of("GET", "/orders/O-0001"),
            Route.of("POST", "/accounts/ACME-001/notes"),
            Route.of("GET", "/accounts/ACME-001/notes"),
            Route.of("GET", "/audit")))
        .as("routes")
        .extracting(Route::operation, Route::scope, Route::pathId)
        .containsExactly(
            tuple("get_account", "crm.read", "ACME-001"),
            tuple("create_quote", "crm.write", null),
            tuple("get_quote", "crm.read", "Q-0001"),
            tuple("place_order", "crm.write", null),
            tuple("get_order", "crm.read", "O-0001"),
            tuple("add_note", "crm.write", "ACME-001"),
            tuple("list_notes", "crm.read", "ACME-001"),
            tuple("audit", null, null));
  }

  @Test
  void unknown_paths_and_wrong_methods_are_unknown_operations() {
    assertThat(Route.of("GET", "/invoices").allowed()).as("methods of an unknown path").isEmpty();
    assertThat(Route.of("GET", "/accounts/").isKnown()).as("account without id").isFalse();
    assertThat(Route.of("DELETE", "/accounts/A/notes").allowed()).as("methods of notes")
        .containsExactly("GET", "POST");
    assertThat(Route.of("GET", "/quotes").allowed()).as("methods of /quotes").containsExactly("POST");
    assertThat(Route.of("GET", "/accounts/A/notes/x").operation()).as("too deep").isEqualTo("unknown");
  }

  @Test
  void faults_accept_exactly_the_operations_the_routes_name() {
    List<String> routed = List.of(
            Route.of("GET", "/accounts/A"), Route.of("POST", "/quotes"), Route.of("GET", "/quotes/Q"),
            Route.of("POST", "/orders"), Route.of("GET", "/orders/O"), Route.of("POST", "/accounts/A/notes"),
            Route.of("GET", "/accounts/A/notes"))
        .stream().map(Route::operation).toList();

    assertThat(dev.crashtest.fakes.crm.CrmFault.OPERATIONS).as("operations a fault may be scoped to")
        .containsExactlyInAnyOrderElementsOf(routed);
  }
}
