package dev.apex.workers.cli;

import dev.apex.backends.BackendException;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.ModelCheck;
import dev.apex.workers.RoleModels;
import dev.apex.workflows.roles.Role;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apex model check}: load a model exactly as a worker would and report one JSON line. */
@Command(name = "model", description = "Model utilities.", subcommands = ModelCommand.Check.class)
final class ModelCommand {

  private static final Logger LOG = LoggerFactory.getLogger(ModelCommand.class);

  @Command(
      name = "check",
      description =
          "Load the model as a worker would, warm it up, generate a little, print one JSON line.")
  static final class Check implements Callable<Integer> {

    @Option(
        names = "--model",
        description =
            "GGUF file (default: $APEX_GGUF_MODEL_PATH, else the roles config, else the default"
                + " model, fetched when missing).")
    @Nullable Path model;

    @Option(
        names = "--role",
        defaultValue = "planner",
        description = "Whose settings to check, from the roles config (default ${DEFAULT-VALUE}).")
    String role = "planner";

    @Mixin BackendOption backend = new BackendOption();

    @Option(names = "--context", description = "Context size in tokens (default: the role's).")
    @Nullable Integer context;

    @Option(names = "--threads", description = "CPU threads; 0 lets llama.cpp choose.")
    @Nullable Integer threads;

    @Option(names = "--gpu-layers", description = "Layers on the GPU; -1 is the device default.")
    @Nullable Integer gpuLayers;

    @Option(
        names = "--lib-path",
        description = "Directory of a self-built libjllama (e.g. the CUDA build).")
    @Nullable Path libPath;

    @Override
    public Integer call() {
      int exit;
      try {
        System.out.println(
            ModelCheck.run(settings(RoleModels.of(System.getenv(), Home.path(), backend.backend))));
        exit = 0;
      } catch (BackendException | IllegalArgumentException e) {
        System.err.println("apex model check: " + e.getMessage());
        exit = 1;
      }
      // A loaded model keeps the JVM alive.
      System.exit(exit);
      return exit;
    }

    /** The role's settings as its worker resolves them, with the flags given laid over them. */
    BackendSettings settings(RoleModels models) {
      BackendSettings settings = models.forRole(Role.parse(role));
      if (model != null) {
        settings = settings.withModelPath(model.toAbsolutePath().normalize());
      }
      if (context != null) {
        settings = settings.withContextSize(context);
      }
      if (threads != null) {
        settings = settings.withThreads(threads);
      }
      if (gpuLayers != null) {
        settings = settings.withGpuLayers(gpuLayers);
      }
      if (libPath != null) {
        settings = settings.withNativeLibPath(libPath);
      }
      models.fetchIfDefault(settings, LOG::info);
      return settings;
    }
  }
}
