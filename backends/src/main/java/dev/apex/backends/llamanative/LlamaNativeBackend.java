package dev.apex.backends.llamanative;

import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelInfo;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TokenListener;
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
 * <p>With one slot, generations run one at a time on the calling thread, which cancels between
 * tokens; with several, concurrent calls are decoded together in one batch per step by a {@link
 * BatchDecoder}, each call still calling its listener on its own thread. {@link #countTokens} and
 * {@link #renderPrompt} may run alongside. {@link #close()} frees the context and the model.
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
  private final @Nullable BatchDecoder batch;
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
    this.batch =
        slots.count() > 1 ? new BatchDecoder(model, context, slots, LlamaLibrary::decode) : null;
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
    byte @Nullable [] gbnf =
        request.jsonSchema() == null
            ? null
            : grammar(request.jsonSchema()).getBytes(StandardCharsets.UTF_8);
    int[] tokens = tokenize(prompt, true);
    int room = slotContext - tokens.length;
    if (room < 1) {
      throw new PermanentBackendException(
          "prompt of " + tokens.length + " tokens does not fit the context of " + slotContext);
    }
    int maxTokens = Math.min(request.maxTokens(), room);
    if (batch != null) {
      handles.readLock().lock();
      try {
        return batch.complete(tokens, request, gbnf, maxTokens, start, listener);
      } finally {
        handles.readLock().unlock();
      }
    }
    generation.lock();
    handles.readLock().lock();
    try {
      PrefixSlots.Plan plan = slots.plan(tokens);
      int reused = prefill(plan, tokens);
      return generate(
          request, gbnf, plan.slot(), tokens.length, reused, maxTokens, listener, start);
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
    if (batch != null) {
      batch.close();
    }
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
    int reused = keepPrefix(context, slots, plan);
    try {
      for (int from = reused; from < tokens.length; from += BATCH) {
        int to = Math.min(tokens.length, from + BATCH);
        decode(slot, tokens, from, to, to == tokens.length);
      }
    } catch (RuntimeException e) {
      forget(context, slots, slot);
      throw e;
    }
    return reused;
  }

  /**
   * Drops what the plan's slot holds past the shared prefix; returns the prompt tokens kept. A
   * cache that cannot drop a tail (e.g. sliding-window layers) is cleared.
   */
  static int keepPrefix(long context, PrefixSlots slots, PrefixSlots.Plan plan) {
    int reused = plan.reused();
    if (!LlamaLibrary.removeFrom(context, plan.slot(), reused)) {
      LlamaLibrary.removeFrom(context, plan.slot(), 0);
      reused = 0;
    }
    slots.truncate(plan.slot(), reused);
    return reused;
  }

  /** After a failed decode the slot's cells are unknown: empty it. */
  static void forget(long context, PrefixSlots slots, int slot) {
    LlamaLibrary.removeFrom(context, slot, 0);
    slots.truncate(slot, 0);
  }

  private Completion generate(
      CompletionRequest request,
      byte @Nullable [] gbnf,
      int slot,
      int promptTokens,
      int reused,
      int maxTokens,
      TokenListener listener,
      long start) {
    int[] next = new int[1];
    try (Generation generation =
        new Generation(model, request, gbnf, promptTokens, maxTokens, start)) {
      while (!generation.finished()) {
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new GenerationCancelledException("generation interrupted");
        }
        String piece = generation.next(context, -1);
        if (piece != null) {
          listener.onToken(piece, generation.produced());
        }
        if (!generation.finished()) {
          next[0] = generation.last();
          decode(slot, next, 0, 1, true);
        }
      }
      return generation.completion(reused);
    } catch (NativeEngineException e) {
      forget(context, slots, slot);
      throw e;
    }
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
