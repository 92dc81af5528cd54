package dev.apex.backends;

import java.nio.file.Path;

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
}
