package dev.apex.workers;

import static java.util.Objects.requireNonNullElse;

import dev.apex.backends.BackendChoice;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.DefaultModel;
import dev.apex.backends.llamanative.NativeEngine;
import dev.apex.workflows.roles.Role;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The backend and model each role's worker pins: the one reading of {@code APEX_LLM_STUB}, {@code
 * APEX_LLM_BACKEND}, {@code APEX_GGUF_MODEL_PATH}, {@code APEX_ALLOW_LLM} and the roles config
 * ({@code APEX_ROLES_CONFIG}), used alike by the worker processes, {@code apex eval}'s pre-flight
 * check, {@code apex model check} and {@code apex workers up}.
 *
 * <p>The backend is the command's {@code --backend} flag, else the stub when {@code APEX_LLM_STUB}
 * is {@code 1} or {@code true}, else {@code APEX_LLM_BACKEND}, else the roles config, else {@value
 * #DEFAULT_BACKEND}. The model is {@code APEX_GGUF_MODEL_PATH}, else the roles config, else the
 * default model; a relative path resolves against APEX's home, never the working directory.
 */
public final class RoleModels {

  public static final String STUB_ENV = "APEX_LLM_STUB";
  public static final String BACKEND_ENV = "APEX_LLM_BACKEND";
  public static final String ALLOW_LLM_ENV = "APEX_ALLOW_LLM";
  public static final String ROLES_CONFIG_ENV = "APEX_ROLES_CONFIG";
  public static final String DEFAULT_BACKEND = "llamacpp";

  /** {@code 0} or {@code false} turns off the native engine's KV cache reuse between calls. */
  public static final String KV_REUSE_ENV = "APEX_KV_REUSE";

  private final Map<String, String> env;
  private final Path home;
  private final @Nullable String backendFlag;
  private @Nullable RolesConfig roles;

  private RoleModels(Map<String, String> env, Path home, @Nullable String backendFlag) {
    this.env = env;
    this.home = home;
    this.backendFlag = backendFlag;
  }

  /**
   * The resolver for a process whose environment is {@code env} and whose home is {@code home};
   * {@code backendFlag} is a command's {@code --backend}, or null.
   */
  public static RoleModels of(Map<String, String> env, Path home, @Nullable String backendFlag) {
    return new RoleModels(env, home, backendFlag);
  }

  /**
   * What a command's {@code --backend} adds to the environment of the workers it starts, so they
   * resolve the same backend as the command did (the flag wins over {@code APEX_LLM_STUB}).
   */
  public static Map<String, String> workerEnvFor(@Nullable String backendFlag) {
    Map<String, String> env = new LinkedHashMap<>();
    if (backendFlag != null) {
      env.put(BACKEND_ENV, backendFlag);
      env.put(STUB_ENV, "0");
    }
    return env;
  }

  /**
   * The backend asked for before the roles config is read: the flag, the stub switch, then {@code
   * APEX_LLM_BACKEND}; null leaves it to the roles config. Checked: an unknown name throws.
   */
  public @Nullable String requestedBackend() {
    String name = requestedName();
    if (name != null) {
      BackendChoice.parse(name);
    }
    return name;
  }

  /** Where {@link #requestedBackend} came from, for a hint: a flag or a variable's name. */
  public String requestedBy() {
    if (backendFlag != null) {
      return "--backend";
    }
    return isTrue(env.get(STUB_ENV)) ? STUB_ENV : BACKEND_ENV;
  }

  /** The name of {@code role}'s backend, before any model file is looked at. */
  public String backendName(Role role) {
    String name = requestedBackend();
    if (name == null) {
      RoleSettings settings = rolesConfig().forRole(role);
      name = settings.backend() != null ? settings.backend() : DEFAULT_BACKEND;
    }
    return name;
  }

  /** Whether {@code role} is served by the stub. */
  public boolean isStub(Role role) {
    return BackendChoice.parse(backendName(role)).kind() == BackendChoice.Kind.STUB;
  }

  /**
   * {@code role}'s whole backend settings, as its worker opens them.
   *
   * @throws IllegalArgumentException with a one-line message: an unknown backend, a roles config
   *     that cannot be read, a variable that is not a number, or {@code APEX_ALLOW_LLM} forbidding
   *     a model backend
   */
  public BackendSettings forRole(Role role) {
    RoleSettings settings = rolesConfig().forRole(role);
    String name = backendName(role);
    checkAllowed(role);
    int threads = intEnv("APEX_THREADS", settings.threads() != null ? settings.threads() : 0);
    if (threads == 0) {
      threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Role.values().length);
    }
    String stubScript = nonBlank(env.get("APEX_STUB_SCRIPT"));
    String libPath = nonBlank(env.get("APEX_LLAMA_LIB_PATH"));
    BackendSettings defaults = BackendSettings.builder(name).build();
    Path nativeLib =
        defaults.choice().kind() == BackendChoice.Kind.NATIVE
            ? NativeEngine.locate(env)
            : libPath == null ? null : Path.of(libPath);
    return defaults.toBuilder()
        .modelPath(modelPath(settings))
        .contextSize(requireNonNullElse(settings.contextSize(), defaults.contextSize()))
        .threads(threads)
        .gpuLayers(requireNonNullElse(settings.gpuLayers(), defaults.gpuLayers()))
        .slots(intEnv("APEX_WORKER_SLOTS", requireNonNullElse(settings.slots(), defaults.slots())))
        .nativeLibPath(nativeLib)
        .kvReuse(!isFalse(env.get(KV_REUSE_ENV)))
        .cudaDevice(
            intEnv(
                "APEX_CUDA_DEVICE",
                requireNonNullElse(settings.cudaDevice(), defaults.cudaDevice())))
        .stubScript(StubScripts.forRole(stubScript == null ? null : home.resolve(stubScript), role))
        .build();
  }

  /** Throws when {@code APEX_ALLOW_LLM} is off and {@code role} is served by a model. */
  public void checkAllowed(Role role) {
    if (isFalse(env.get(ALLOW_LLM_ENV)) && !isStub(role)) {
      throw new IllegalArgumentException(
          ALLOW_LLM_ENV
              + "="
              + env.get(ALLOW_LLM_ENV)
              + " forbids the "
              + backendName(role)
              + " backend");
    }
  }

  /** {@code role}'s model file: {@code APEX_GGUF_MODEL_PATH}, the roles config, the default. */
  public Path modelPath(Role role) {
    return modelPath(rolesConfig().forRole(role));
  }

  /**
   * Resolves every role as its worker will, then fetches the default model if a role needs it and
   * it is missing: what a command does before it starts workers.
   *
   * @throws IllegalArgumentException as {@link #forRole} does
   * @throws dev.apex.backends.PermanentBackendException when the default model cannot be fetched
   */
  public void prepareAll(Consumer<String> progress) {
    for (Role role : Role.values()) {
      fetchIfDefault(forRole(role), progress);
    }
  }

  /**
   * Fetches the model of {@code settings} when it is the default model, missing, and not the stub's
   * (which loads none); see {@link DefaultModel#fetchIfMissing}.
   */
  public void fetchIfDefault(BackendSettings settings, Consumer<String> progress) {
    Path model = settings.modelPath();
    if (settings.choice().kind() != BackendChoice.Kind.STUB
        && model != null
        && model.equals(DefaultModel.under(home).normalize())) {
      DefaultModel.fetchIfMissing(home, progress);
    }
  }

  private Path modelPath(RoleSettings settings) {
    String model = nonBlank(env.get(DefaultModel.PATH_ENV));
    if (model == null) {
      model = settings.model() != null ? settings.model() : DefaultModel.RELATIVE_PATH;
    }
    return home.resolve(model).normalize();
  }

  private RolesConfig rolesConfig() {
    RolesConfig config = roles;
    if (config == null) {
      String file = nonBlank(env.get(ROLES_CONFIG_ENV));
      config = RolesConfig.load(home.resolve(file != null ? file : WorkerConfig.ROLES_CONFIG));
      roles = config;
    }
    return config;
  }

  private @Nullable String requestedName() {
    if (backendFlag != null) {
      return backendFlag;
    }
    if (isTrue(env.get(STUB_ENV))) {
      return "stub";
    }
    return nonBlank(env.get(BACKEND_ENV));
  }

  private int intEnv(String name, int fallback) {
    return WorkerConfig.intEnv(env, name, fallback);
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** {@code 1} or {@code true}: the one meaning of an on-switch in APEX's environment. */
  public static boolean isTrue(@Nullable String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  /** {@code 0} or {@code false}: the one meaning of an off-switch in APEX's environment. */
  public static boolean isFalse(@Nullable String value) {
    return value != null && (value.equals("0") || value.equalsIgnoreCase("false"));
  }
}
