package dev.apex.backends.llamacpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.GpuSplitMode;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelInfo;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TokenListener;
import dev.apex.backends.gguf.GgufFile;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A GGUF model served by java-llama.cpp in this process; at most one per process.
 *
 * <p>Generation runs on the calling thread, which is the only thread that may cancel it (between
 * tokens). {@link #close()} frees nothing: java-llama.cpp cannot unload, so a worker exits the
 * process with {@code System.exit} when done.
 */
public final class LlamaCppBackend implements ModelBackend {

  private static final AtomicReference<@Nullable String> LOADED = new AtomicReference<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LlamaModel model;
  private final LlamaSettings settings;
  private final ChatTemplate template;
  private final ModelInfo info;
  private final int bosTokens;
  private final Map<String, String> grammars = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private LlamaCppBackend(
      LlamaModel model, LlamaSettings settings, ChatTemplate template, ModelInfo info, int bos) {
    this.model = model;
    this.settings = settings;
    this.template = template;
    this.info = info;
    this.bosTokens = bos;
  }

  /**
   * Loads {@code settings.modelPath()}, whose header has been read and checked into {@code header}.
   * Fails permanently when a model is already loaded in this process, the chat template is not one
   * we render, or llama.cpp rejects a parameter.
   *
   * @param deviceName the device's name for {@link #info()}
   */
  public static LlamaCppBackend load(LlamaSettings settings, GgufFile header, String deviceName) {
    String path = settings.modelPath().toAbsolutePath().toString();
    if (!LOADED.compareAndSet(null, path)) {
      throw new PermanentBackendException(
          "one model per process: "
              + LOADED.get()
              + " is already loaded; start another worker for "
              + path);
    }
    try {
      ChatTemplate template = ChatTemplate.of(header);
      NativeLibrary.load(settings.worker().nativeLibPath());
      LlamaModel model = loadVerified(parameters(settings));
      ModelInfo info =
          new ModelInfo(
              "llamacpp",
              settings.device().name().toLowerCase(Locale.ROOT),
              deviceName,
              path,
              settings.worker().contextSize(),
              ModelInfo.Engine.JAVA_LLAMA_CPP);
      return new LlamaCppBackend(model, settings, template, info, addsBos(header) ? 1 : 0);
    } catch (RuntimeException e) {
      // A failed load leaves nothing loaded, so a corrected one may follow.
      LOADED.set(null);
      throw e;
    }
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public int countTokens(String text) {
    open();
    return text.isEmpty() ? 0 : model.encode(text).length;
  }

  @Override
  public String renderPrompt(List<ChatMessage> messages) {
    return template.render(messages);
  }

  @Override
  public Completion complete(CompletionRequest request, TokenListener listener) {
    open();
    long start = System.nanoTime();
    String prompt = request.prompt() != null ? request.prompt() : renderPrompt(request.messages());
    int promptTokens = countTokens(prompt) + bosTokens;
    int room = settings.slotContext() - promptTokens;
    if (room < 1) {
      throw new PermanentBackendException(
          "prompt of "
              + promptTokens
              + " tokens does not fit the context of "
              + settings.slotContext());
    }
    int maxTokens = Math.min(request.maxTokens(), room);
    InferenceParameters parameters =
        new InferenceParameters(prompt)
            .setNPredict(maxTokens)
            .setTemperature(request.temperature())
            .setSeed(request.seed());
    // Never setNProbs(n > 0): it aborts the JVM in java-llama.cpp 4.2.0.
    if (request.jsonSchema() != null) {
      parameters.setGrammar(grammar(request.jsonSchema()));
    }
    if (!request.stop().isEmpty()) {
      parameters.setStopStrings(request.stop().toArray(String[]::new));
    }
    try {
      return generate(parameters, promptTokens, maxTokens, listener, start);
    } catch (RuntimeException e) {
      throw isLlamaException(e)
          ? new PermanentBackendException("llama.cpp: " + e.getMessage(), e)
          : e;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The java-llama.cpp model, for tests and the benchmark's bare loop. */
  LlamaModel nativeModel() {
    return model;
  }

  private Completion generate(
      InferenceParameters parameters,
      int promptTokens,
      int maxTokens,
      TokenListener listener,
      long start) {
    LlamaIterator tokens = model.generate(parameters).iterator();
    StringBuilder text = new StringBuilder();
    int produced = 0;
    long firstToken = 0;
    boolean finished = false;
    try {
      while (tokens.hasNext()) {
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new GenerationCancelledException("generation interrupted");
        }
        LlamaOutput output = tokens.next();
        if (firstToken == 0) {
          firstToken = System.nanoTime() - start;
        }
        text.append(output.text);
        if (!tokens.hasNext()) {
          break; // the final message closes the stream; it is not a token
        }
        // llama.cpp holds back tokens that end inside a UTF-8 character and sends them merged
        // with the next one; report those as empty pieces so each token is counted.
        int count = Math.min(tokensIn(output.text), maxTokens - produced);
        for (int i = 1; i < count; i++) {
          listener.onToken("", ++produced);
        }
        listener.onToken(output.text, ++produced);
      }
      finished = true;
    } finally {
      if (!finished) {
        // An abandoned generation keeps its slot busy until cancelled.
        tokens.cancel();
      }
    }
    Completion.StopReason reason =
        produced >= maxTokens ? Completion.StopReason.LENGTH : Completion.StopReason.STOP;
    return Completion.endingNow(text, promptTokens, produced, reason, firstToken, start);
  }

  /** Tokens behind one streamed piece: 1, or more for a piece that completed a UTF-8 character. */
  private int tokensIn(String piece) {
    for (int i = 0; i < piece.length(); i++) {
      if (piece.charAt(i) >= 0x80) {
        return Math.max(1, model.encode(piece).length);
      }
    }
    return 1;
  }

  private String grammar(String schema) {
    try {
      JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new PermanentBackendException("jsonSchema is not JSON: " + e.getOriginalMessage(), e);
    }
    return grammars.computeIfAbsent(schema, LlamaModel::jsonSchemaToGrammar);
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("backend closed");
    }
  }

  /** Whether llama.cpp prepends BOS when it tokenizes a prompt, as the GGUF declares. */
  private static boolean addsBos(GgufFile header) {
    if (header.metadata().get("tokenizer.ggml.add_bos_token") instanceof Boolean b) {
      return b;
    }
    // llama.cpp's default: SentencePiece vocabularies add BOS, byte-level BPE ones do not.
    return "llama".equals(header.string("tokenizer.ggml.model").orElse(""));
  }

  static ModelParameters parameters(LlamaSettings s) {
    BackendSettings w = s.worker();
    ModelParameters p =
        new ModelParameters()
            .setModel(s.modelPath().toAbsolutePath().toString())
            .setCtxSize(w.contextSize())
            .setParallel(w.slots())
            .setSeed(s.seed());
    if (w.threads() > 0) {
      p.setThreads(w.threads()).setThreadsBatch(w.threads());
    }
    if (s.device() != LlamaSettings.Device.CPU || w.gpuLayers() > 0) {
      p.setGpuLayers(s.effectiveGpuLayers());
    }
    if (s.device() == LlamaSettings.Device.CUDA) {
      p.setDevices("CUDA" + w.cudaDevice()).setSplitMode(GpuSplitMode.NONE).setMainGpu(0);
    }
    if (!s.nativeLog()) {
      p.disableLog();
    }
    return p;
  }

  /** Loads and checks it loaded: on a rejected parameter llama.cpp returns an empty model. */
  private static LlamaModel loadVerified(ModelParameters parameters) {
    PrintStream stdout = System.out;
    LlamaModel model;
    try {
      System.setOut(System.err);
      model = new LlamaModel(parameters);
    } catch (RuntimeException e) {
      throw isLlamaException(e)
          ? new PermanentBackendException(
              "llama.cpp could not load the model: " + e.getMessage(), e)
          : e;
    } finally {
      System.setOut(stdout);
    }
    if (!LoadCheck.isLoaded(model)) {
      // Any call on this model would crash the JVM.
      throw new PermanentBackendException(
          "llama.cpp rejected a parameter and loaded nothing (see stderr): " + parameters);
    }
    return model;
  }

  /** java-llama.cpp's own exception type is not public. */
  private static boolean isLlamaException(RuntimeException e) {
    return e.getClass().getName().equals("de.kherud.llama.LlamaException");
  }
}
