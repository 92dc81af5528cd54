package dev.apex.workers.cli;

import dev.apex.activities.sandbox.SandboxConfig;
import java.io.PrintStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --allow-unsandboxed} and the gate it opens, for the commands that start workers. */
final class SandboxOption {

  @Option(
      names = SandboxConfig.ALLOW_UNSANDBOXED_FLAG,
      description =
          "Where bubblewrap cannot run, run model-written code WITHOUT isolation (sets "
              + SandboxConfig.ALLOW_UNSANDBOXED
              + "=1 for the workers started here).")
  boolean allowUnsandboxed;

  /**
   * The gate for this machine, its warning printed to {@code out}; null, with the refusal printed
   * to {@code err}, when the command must stop with {@link SandboxGate#EXIT_NO_SANDBOX}.
   *
   * @param command the prefix of the printed lines, e.g. {@code apex eval}
   */
  @Nullable SandboxGate open(
      Map<String, String> env, String command, PrintStream out, PrintStream err) {
    SandboxGate gate = SandboxGate.check(env, allowUnsandboxed);
    if (gate.refusal() != null) {
      err.println(command + ": " + gate.refusal());
      return null;
    }
    if (gate.warning() != null) {
      out.println(command + ": " + gate.warning());
    }
    return gate;
  }
}
