package dev.apex.activities.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.workflows.roles.Role;
import org.junit.jupiter.api.Test;

class WorkerIdentityTest {

  @Test
  void of_namesRoleModelHostAndPid() {
    assertThat(WorkerIdentity.of(Role.CODER, "small.gguf", "box", 42))
        .isEqualTo("apex:coder:warm:small.gguf@box:42");
  }

  @Test
  void warmRole_readsTheRoleBackFromEveryRolesIdentity() {
    for (Role role : Role.values()) {
      assertThat(WorkerIdentity.warmRole(WorkerIdentity.of(role, "m.gguf", "host", 7)))
          .isEqualTo(role);
    }
  }

  @Test
  void warmRole_modelNameWithColons_stillReadsTheRole() {
    assertThat(WorkerIdentity.warmRole(WorkerIdentity.of(Role.CRITIC, "a:warm:b", "h", 1)))
        .isEqualTo(Role.CRITIC);
  }

  @Test
  void warmRole_identitiesThatAreNotAWarmRoleWorker_areNull() {
    assertThat(WorkerIdentity.warmRole("12345@somehost")).isNull();
    assertThat(WorkerIdentity.warmRole("apex:episodes@host:12")).isNull();
    assertThat(WorkerIdentity.warmRole("apex:coder@host:12")).isNull();
    assertThat(WorkerIdentity.warmRole("apex:reviewer:warm:m.gguf@host:12")).isNull();
    assertThat(WorkerIdentity.warmRole("")).isNull();
  }
}
