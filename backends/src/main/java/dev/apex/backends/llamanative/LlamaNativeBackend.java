package dev.apex.backends.llamanative;

import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelInfo;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TokenListener;
import dev.apex.backends.TokenUsage;
import dev.apex.backends.gguf.GgufFile;
import dev.apex.backends.llamacpp.ChatTemplate;
import dev.apex.backends.llamacpp.LlamaSettings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A GGUF model served by the native engine through the JNI shim, with one KV cache sequence per
 * slot kept between calls ({@link PrefixSlots}).
 *
 * <p>Generations run one at a time on the calling thread, which cancels between tokens; {@link
 * #countTokens} and {@link #renderPrompt} may run alongside. {@link #close()} frees the context and
 * the model.
 */
public final class LlamaNativeBackend implements ModelBackend {

  /** Tokens per llama_decode call (and the context's n_batch). */
  static final int BATCH = 512;

  private final NativeEngine engine;
  private final ChatTemplate template;
  private final ModelInfo info;
  private final PrefixSlots slots;
  private final int slotContext;
  private final Map<String, String> grammars = new ConcurrentHashMap<>();
  private final ReentrantLock generation = new ReentrantLock();
  private final ReentrantReadWriteLock handles = new ReentrantReadWriteLock();
  private long model;
  private long context;

  private LlamaNativeBackend(
      NativeEngine engine,
      LlamaSettings settings,
      ChatTemplate template,
      ModelInfo info,
      long model,
      long context) {
    this.engine = engine;
    this.template = template;
    this.info = info;
    this.model = model;
    this.context = context;
    this.slots = new PrefixSlots(settings.worker().slots(), settings.worker().kvReuse());
    this.slotContext = LlamaLibrary.sequenceContext(context);
  }

  /**
   * Loads {@code settings.modelPath()} (header already read into {@code header}) on {@code engine}.
   *
   * @param deviceName the device's name for {@link #info()}
   * @throws PermanentBackendException when the shim does not load, the template is not one we
   *     render, or llama.cpp refuses the model or the context
   */
  public static LlamaNativeBackend load(
      NativeEngine engine, LlamaSettings settings, GgufFile header, String deviceName) {
    ChatTemplate template = ChatTemplate.of(header);
    LlamaLibrary.load(engine);
    LlamaLibrary.setLog(settings.nativeLog());
    long model = 0;
    try {
      model =
          LlamaLibrary.loadModel(
              settings.modelPath().toAbsolutePath().toString(),
              settings.effectiveGpuLayers(),
              settings.device() == LlamaSettings.Device.CUDA ? settings.worker().cudaDevice() : -1);
      long context =
          LlamaLibrary.newContext(
              model,
              settings.worker().contextSize(),
              settings.worker().slots(),
              BATCH,
              settings.worker().threads());
      ModelInfo info =
          new ModelInfo(
              "native",
              settings.device().name().toLowerCase(Locale.ROOT),
              deviceName,
              settings.modelPath().toAbsolutePath().toString(),
              settings.worker().contextSize(),
              new ModelInfo.Engine(
                  engine.dir().toString(), engine.llamaCpp(), engine.instructionSet()));
      return new LlamaNativeBackend(engine, settings, template, info, model, context);
    } catch (NativeEngineException e) {
      LlamaLibrary.freeModel(model);
      throw new PermanentBackendException(e.getMessage() + " (engine " + engine.dir() + ")", e);
    }
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public int countTokens(String text) {
    return text.isEmpty() ? 0 : tokenize(text, false).length;
  }

  @Override
  public String renderPrompt(List<ChatMessage> messages) {
    return template.render(messages);
  }

  @Override
  public Completion complete(CompletionRequest request, TokenListener listener) {
    long start = System.nanoTime();
    String prompt = request.prompt() != null ? request.prompt() : renderPrompt(request.messages());
    @Nullable String grammar = request.jsonSchema() == null ? null : grammar(request.jsonSchema());
    generation.lock();
    handles.readLock().lock();
    try {
      int[] tokens = tokenize(prompt, true);
      int room = slotContext - tokens.length;
      if (room < 1) {
        throw new PermanentBackendException(
            "prompt of " + tokens.length + " tokens does not fit the context of " + slotContext);
      }
      int maxTokens = Math.min(request.maxTokens(), room);
      PrefixSlots.Plan plan = slots.plan(tokens);
      int reused = prefill(plan, tokens);
      return generate(
          request, grammar, plan.slot(), tokens.length, reused, maxTokens, listener, start);
    } catch (NativeEngineException e) {
      throw new PermanentBackendException("native engine: " + e.getMessage(), e);
    } finally {
      handles.readLock().unlock();
      generation.unlock();
    }
  }

  /** Frees the context and the model; later calls fail with {@link IllegalStateException}. */
  @Override
  public void close() {
    generation.lock();
    handles.writeLock().lock();
    try {
      LlamaLibrary.freeContext(context);
      LlamaLibrary.freeModel(model);
      context = 0;
      model = 0;
    } finally {
      handles.writeLock().unlock();
      generation.unlock();
    }
  }

  /** The engine serving this backend. */
  public NativeEngine engine() {
    return engine;
  }

  /** llama.cpp's own rendering of {@code messages} with the model's template (for tests). */
  String nativeTemplate(List<ChatMessage> messages) {
    byte[][] roles = new byte[messages.size()][];
    byte[][] contents = new byte[messages.size()][];
    for (int i = 0; i < messages.size(); i++) {
      roles[i] = messages.get(i).role().wireName().getBytes(StandardCharsets.UTF_8);
      contents[i] = messages.get(i).content().getBytes(StandardCharsets.UTF_8);
    }
    handles.readLock().lock();
    try {
      return new String(
          LlamaLibrary.applyTemplate(open(model), roles, contents), StandardCharsets.UTF_8);
    } finally {
      handles.readLock().unlock();
    }
  }

  /**
   * Drops what the slot holds past the shared prefix and decodes the rest of the prompt; returns
   * the prompt tokens reused. A cache that cannot drop a tail (e.g. sliding-window layers) is
   * cleared and the whole prompt prefilled.
   */
  private int prefill(PrefixSlots.Plan plan, int[] tokens) {
    int slot = plan.slot();
    int reused = plan.reused();
    if (!LlamaLibrary.removeFrom(context, slot, reused)) {
      LlamaLibrary.removeFrom(context, slot, 0);
      reused = 0;
    }
    slots.truncate(slot, reused);
    try {
      for (int from = reused; from < tokens.length; from += BATCH) {
        int to = Math.min(tokens.length, from + BATCH);
        decode(slot, tokens, from, to, to == tokens.length);
      }
    } catch (RuntimeException e) {
      forget(slot);
      throw e;
    }
    return reused;
  }

  private Completion generate(
      CompletionRequest request,
      @Nullable String grammar,
      int slot,
      int promptTokens,
      int reused,
      int maxTokens,
      TokenListener listener,
      long start) {
    byte[] gbnf = grammar == null ? null : grammar.getBytes(StandardCharsets.UTF_8);
    long sampler = LlamaLibrary.newSampler(model, request.temperature(), request.seed(), gbnf);
    Utf8Pieces utf8 = new Utf8Pieces();
    StringBuilder text = new StringBuilder();
    int produced = 0;
    long firstToken = 0;
    Completion.StopReason reason = Completion.StopReason.LENGTH;
    int[] next = new int[1];
    try {
      while (produced < maxTokens) {
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new GenerationCancelledException("generation interrupted");
        }
        int token = LlamaLibrary.sample(sampler, context, -1);
        if (firstToken == 0) {
          firstToken = System.nanoTime() - start;
        }
        if (LlamaLibrary.isEndOfGeneration(model, token)) {
          reason = Completion.StopReason.STOP;
          break;
        }
        produced++;
        String piece = utf8.add(LlamaLibrary.piece(model, token));
        text.append(piece);
        int stop = stopAt(text, request.stop(), piece.length());
        listener.onToken(piece, produced);
        if (stop >= 0) {
          text.setLength(stop);
          reason = Completion.StopReason.STOP;
          break;
        }
        if (produced < maxTokens) {
          next[0] = token;
          decode(slot, next, 0, 1, true);
        }
      }
    } catch (NativeEngineException e) {
      forget(slot);
      throw e;
    } finally {
      LlamaLibrary.freeSampler(sampler);
    }
    // A character still unfinished at the end was never a whole piece: the text is the pieces.
    return new Completion(
        text.toString(),
        new TokenUsage(promptTokens, produced, reused),
        reason,
        firstToken,
        System.nanoTime() - start);
  }

  /** Decodes {@code tokens[from..to)} after what {@code slot} holds. */
  private void decode(int slot, int[] tokens, int from, int to, boolean lastOutput) {
    int n = to - from;
    int[] positions = new int[n];
    int[] sequences = new int[n];
    boolean[] outputs = new boolean[n];
    int base = slots.length(slot);
    for (int i = 0; i < n; i++) {
      positions[i] = base + i;
      sequences[i] = slot;
    }
    outputs[n - 1] = lastOutput;
    LlamaLibrary.decode(
        context, Arrays.copyOfRange(tokens, from, to), positions, sequences, outputs);
    slots.append(slot, tokens, from, to);
  }

  /** After a failed decode the slot's cells are unknown: empty it. */
  private void forget(int slot) {
    LlamaLibrary.removeFrom(context, slot, 0);
    slots.truncate(slot, 0);
  }

  /** Where the first stop string starts in {@code text}, looking only near its new end; or -1. */
  private static int stopAt(StringBuilder text, List<String> stops, int added) {
    int found = -1;
    for (String stop : stops) {
      int from = Math.max(0, text.length() - added - stop.length());
      int at = text.indexOf(stop, from);
      if (at >= 0 && (found < 0 || at < found)) {
        found = at;
      }
    }
    return found;
  }

  private int[] tokenize(String text, boolean addSpecial) {
    handles.readLock().lock();
    try {
      return LlamaLibrary.tokenize(open(model), text.getBytes(StandardCharsets.UTF_8), addSpecial);
    } finally {
      handles.readLock().unlock();
    }
  }

  private String grammar(String schema) {
    try {
      return grammars.computeIfAbsent(schema, JsonSchemaGrammar::toGbnf);
    } catch (IllegalArgumentException e) {
      throw new PermanentBackendException(String.valueOf(e.getMessage()), e);
    }
  }

  private static long open(long handle) {
    if (handle == 0) {
      throw new IllegalStateException("backend closed");
    }
    return handle;
  }
}
