package dev.apex.workers.cli;

import dev.apex.backends.BackendException;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.DefaultModel;
import dev.apex.backends.ModelCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apex model check}: load a model exactly as a worker would and report one JSON line. */
@Command(name = "model", description = "Model utilities.", subcommands = ModelCommand.Check.class)
final class ModelCommand {

  @Command(
      name = "check",
      description =
          "Load the model as a worker would, warm it up, generate a little, print one JSON line.")
  static final class Check implements Callable<Integer> {

    @Option(
        names = "--backend",
        defaultValue = "llamacpp",
        description = "Backend (default ${DEFAULT-VALUE}).")
    String backend = "llamacpp";

    @Option(
        names = "--model",
        description = "GGUF file (default: $APEX_GGUF_MODEL_PATH, else the default model).")
    @Nullable Path model;

    @Option(
        names = "--context",
        defaultValue = "4096",
        description = "Context size in tokens (default ${DEFAULT-VALUE}).")
    int context;

    @Option(
        names = "--threads",
        defaultValue = "0",
        description = "CPU threads; 0 lets llama.cpp choose.")
    int threads;

    @Option(
        names = "--gpu-layers",
        defaultValue = "-1",
        description = "Layers on the GPU; -1 is the device default.")
    int gpuLayers;

    @Option(
        names = "--lib-path",
        description = "Directory of a self-built libjllama (e.g. the CUDA build).")
    @Nullable Path libPath;

    @Override
    public Integer call() {
      Path home = Home.path();
      Path file = model;
      if (file == null) {
        String env = System.getenv(DefaultModel.PATH_ENV);
        file = env != null && !env.isBlank() ? Path.of(env) : DefaultModel.under(home);
      }
      try {
        BackendSettings settings =
            BackendSettings.llamaCpp(file.toAbsolutePath().normalize())
                .withBackend(backend)
                .withContextSize(context)
                .withThreads(threads)
                .withGpuLayers(gpuLayers)
                .withNativeLibPath(libPath);
        System.out.println(ModelCheck.run(settings));
        System.exit(0);
        return 0;
      } catch (BackendException | IllegalArgumentException e) {
        System.err.println("apex model check: " + e.getMessage());
        System.exit(1);
        return 1;
      }
    }
  }
}
