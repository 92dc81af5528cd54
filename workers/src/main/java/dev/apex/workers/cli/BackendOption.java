package dev.apex.workers.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --backend}, as every command that loads or starts a model takes it. */
final class BackendOption {

  @Option(
      names = "--backend",
      description =
          "Model backend instead of what the roles config names: llamacpp (the default), stub,"
              + " llama_cpp_metal, hf_cuda, ...")
  @Nullable String backend;
}
