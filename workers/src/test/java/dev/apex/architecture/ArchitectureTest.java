package dev.apex.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The module and package rules docs/architecture.md states, checked on the compiled classes of
 * every module (this test sits in {@code workers}, whose class path holds them all).
 */
class ArchitectureTest {

  private static final JavaClasses APEX =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.apex");

  private static final String WORKFLOWS = "dev.apex.workflows..";

  @Test
  void workflows_dependOnTheTemporalSdkTheJdkAndThemselvesOnly() {
    classes()
        .that()
        .resideInAPackage(WORKFLOWS)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            WORKFLOWS,
            "io.temporal..",
            // What the SDK's own types bring: JSON annotations on inputs, the workflow logger.
            "com.fasterxml.jackson.annotation..",
            "org.slf4j..",
            "org.jspecify..",
            // Temporal's wire types (timestamps of pending activities) are protobuf messages.
            "com.google.protobuf..",
            "java.lang..",
            "java.util..",
            "java.time..",
            // Pure functions: the run layout hashes unusual ids into bounded file names.
            "java.security..",
            "java.nio.charset..")
        .because("workflow code is replayed: no I/O, no clock, no backends (docs/architecture.md)")
        .check(APEX);
  }

  @Test
  void workflows_neverReadTheClockOrSleep() {
    noClasses()
        .that()
        .resideInAPackage(WORKFLOWS)
        .should()
        .callCodeUnitWhere(
            calls(System.class, "currentTimeMillis", "nanoTime")
                .or(calls(Instant.class, "now"))
                .or(calls(Thread.class, "sleep")))
        .because("time in workflow code comes from Workflow.currentTimeMillis and timers")
        .check(APEX);
  }

  @Test
  void onlyWorkers_readTheEnvironment() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.apex.workers..")
        .should()
        .callCodeUnitWhere(calls(System.class, "getenv"))
        .because("settings are read once in a process entry point and passed down as values")
        .check(APEX);
  }

  @Test
  void activities_useOnlyTheWorkflowsContracts() {
    Set<String> contracts = workflowContracts();
    noClasses()
        .that()
        .resideInAPackage("dev.apex.activities..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are workflow internals (not the activity interfaces, the types they exchange,"
                    + " dev.apex.workflows, dev.apex.workflows.roles or dev.apex.workflows.run)",
                (JavaClass type) ->
                    type.getPackageName().startsWith("dev.apex.workflows")
                        && !contracts.contains(type.getName())))
        .check(APEX);
  }

  @Test
  void policies_doNotReachIntoTheEpisode() {
    noClasses()
        .that()
        .resideInAPackage("dev.apex.workflows.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.apex.workflows.episode..", "dev.apex.workflows.batch..")
        .because("a policy sees the roles through Team only; the episode runs policies")
        .check(APEX);
  }

  @Test
  void modules_dependDownwardsOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.apex.backends..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.apex.workflows..", "dev.apex.activities..", "dev.apex.workers..")
        .check(APEX);
    noClasses()
        .that()
        .resideInAPackage("dev.apex.activities..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.apex.workers..")
        .check(APEX);
  }

  @Test
  void everyModule_logsThroughSlf4jOnly() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.util.logging..",
            "org.apache.logging.log4j..",
            "org.apache.log4j..",
            "org.apache.commons.logging..",
            "ch.qos.logback..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(System.Logger.class, System.LoggerFinder.class)
        .orShould()
        .callCodeUnitWhere(calls(System.class, "getLogger"))
        .because(
            "SLF4J is the one logging facade: the Temporal SDK logs through it and workflow code"
                + " must use Workflow.getLogger (docs/architecture.md, Logging)")
        .check(APEX);
  }

  @Test
  void workflows_logThroughWorkflowGetLogger() {
    noClasses()
        .that()
        .resideInAPackage(WORKFLOWS)
        .should()
        .callCodeUnitWhere(calls(LoggerFactory.class, "getLogger"))
        .because(
            "Workflow.getLogger drops lines while a workflow is replayed; a plain logger repeats"
                + " them on every replay")
        .check(APEX);
  }

  /** A call of one of {@code names} on {@code owner}, whatever the overload. */
  private static DescribedPredicate<JavaCall<?>> calls(Class<?> owner, String... names) {
    Set<String> wanted = Set.of(names);
    return DescribedPredicate.describe(
        owner.getSimpleName() + "." + String.join("/", names),
        call -> call.getTargetOwner().isEquivalentTo(owner) && wanted.contains(call.getName()));
  }

  /**
   * The workflow classes activities may use: the top-level, {@code roles} and {@code run} packages,
   * every activity interface, and every type reachable from their signatures (records' components
   * too). Derived, so a renamed record stays a contract without editing this test.
   */
  private static Set<String> workflowContracts() {
    Set<String> contracts = new TreeSet<>();
    Deque<JavaClass> todo = new ArrayDeque<>();
    for (JavaClass type : APEX) {
      String pkg = type.getPackageName();
      if (pkg.equals("dev.apex.workflows")
          || pkg.startsWith("dev.apex.workflows.roles")
          // The run directory's names and the episode id: one layout the workflows and the
          // activities that write the files share.
          || pkg.startsWith("dev.apex.workflows.run")
          || (pkg.startsWith("dev.apex.workflows")
              && type.isAnnotatedWith(ActivityInterface.class))) {
        todo.add(type);
      }
    }
    while (!todo.isEmpty()) {
      JavaClass type = todo.pop();
      if (!type.getPackageName().startsWith("dev.apex.workflows")
          || !contracts.add(type.getName())) {
        continue;
      }
      for (JavaMethod method : type.getMethods()) {
        todo.addAll(method.getReturnType().getAllInvolvedRawTypes());
        method.getParameterTypes().forEach(p -> todo.addAll(p.getAllInvolvedRawTypes()));
      }
      if (type.isRecord() || type.isEnum()) {
        for (JavaField field : type.getFields()) {
          todo.addAll(field.getType().getAllInvolvedRawTypes());
        }
      }
      type.getEnclosingClass().ifPresent(todo::add);
    }
    return contracts;
  }
}
