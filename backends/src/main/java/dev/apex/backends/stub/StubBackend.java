package dev.apex.backends.stub;

import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelInfo;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.RetryableBackendException;
import dev.apex.backends.TokenListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A deterministic model: replies come from a {@link StubScript}, tokens from a word splitter. */
public final class StubBackend implements ModelBackend {

  /** Context window the stub reports; prompts longer than this fail like a real model's. */
  public static final int CONTEXT_SIZE = 32_768;

  private final StubScript script;
  private final String name;
  private final AtomicInteger calls = new AtomicInteger();

  public StubBackend(StubScript script, String name) {
    this.script = script;
    this.name = name;
  }

  public StubBackend(StubScript script) {
    this(script, "stub");
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("stub", "cpu", "stub", name, CONTEXT_SIZE, ModelInfo.Engine.NONE);
  }

  @Override
  public int countTokens(String text) {
    return StubTokenizer.count(text);
  }

  @Override
  public String renderPrompt(List<ChatMessage> messages) {
    StringBuilder prompt = new StringBuilder();
    for (ChatMessage message : messages) {
      prompt.append('<').append(message.role().wireName()).append(">\n");
      prompt.append(message.content()).append('\n');
    }
    return prompt.append("<assistant>\n").toString();
  }

  @Override
  public Completion complete(CompletionRequest request, TokenListener listener) {
    long start = System.nanoTime();
    int call = calls.getAndIncrement();
    if (script.failAlways()) {
      throw new PermanentBackendException("stub: injected permanent failure");
    }
    if (call < script.failFirstCalls()) {
      throw new RetryableBackendException("stub: injected failure on call " + (call + 1));
    }
    String prompt = request.prompt() != null ? request.prompt() : renderPrompt(request.messages());
    int promptTokens = countTokens(prompt);
    if (promptTokens > CONTEXT_SIZE) {
      throw new PermanentBackendException(
          "prompt of " + promptTokens + " tokens exceeds the context of " + CONTEXT_SIZE);
    }
    sleep(script.promptLatencyMs());
    String reply = script.replies().get(call % script.replies().size());
    if (request.jsonSchema() != null && !SchemaDefaults.isJson(reply)) {
      reply = SchemaDefaults.instanceOf(request.jsonSchema());
    }
    boolean hangs =
        script.hangAfterTokens() >= 0 && (script.hangCalls() == 0 || call < script.hangCalls());
    StringBuilder text = new StringBuilder();
    int produced = 0;
    long firstToken = 0;
    for (String piece : StubTokenizer.pieces(reply)) {
      if (produced == request.maxTokens()) {
        return Completion.endingNow(
            text, promptTokens, produced, Completion.StopReason.LENGTH, firstToken, start);
      }
      if (hangs && produced == script.hangAfterTokens()) {
        hang();
      }
      sleep(script.tokenLatencyMs());
      text.append(piece);
      produced++;
      if (firstToken == 0) {
        firstToken = System.nanoTime() - start;
      }
      listener.onToken(piece, produced);
    }
    return Completion.endingNow(
        text, promptTokens, produced, Completion.StopReason.STOP, firstToken, start);
  }

  /** Calls made so far, failed ones included. */
  public int calls() {
    return calls.get();
  }

  @Override
  public void close() {}

  /** Blocks like a model that stopped producing tokens; only thread interruption ends it. */
  private static void hang() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerationCancelledException("stub: hung generation interrupted");
    }
  }

  private static void sleep(int millis) {
    if (millis == 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerationCancelledException("stub: interrupted");
    }
  }
}
