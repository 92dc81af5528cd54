package dev.apex.backends.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.ChatMessage;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelBackendContractTest;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.RetryableBackendException;
import dev.apex.backends.TokenListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StubBackendTest extends ModelBackendContractTest {

  private final StubBackend stub = new StubBackend(StubScript.defaults());

  @Override
  protected ModelBackend backend() {
    return stub;
  }

  private static CompletionRequest ask(int maxTokens) {
    return CompletionRequest.ofMessages(List.of(ChatMessage.user("hi")), maxTokens);
  }

  @Test
  void replies_cycleInOrder() {
    StubBackend backend = new StubBackend(StubScript.fixed("one", "two"));
    assertThat(backend.complete(ask(8), TokenListener.NONE).text()).isEqualTo("one");
    assertThat(backend.complete(ask(8), TokenListener.NONE).text()).isEqualTo("two");
    assertThat(backend.complete(ask(8), TokenListener.NONE).text()).isEqualTo("one");
  }

  @Test
  void failFirst_throwsRetryableThenAnswers() {
    StubBackend backend = new StubBackend(StubScript.fixed("fine").withFailFirst(2));
    assertThatThrownBy(() -> backend.complete(ask(8), TokenListener.NONE))
        .isInstanceOf(RetryableBackendException.class);
    assertThatThrownBy(() -> backend.complete(ask(8), TokenListener.NONE))
        .isInstanceOf(RetryableBackendException.class);
    assertThat(backend.complete(ask(8), TokenListener.NONE).text()).isEqualTo("fine");
  }

  @Test
  void failAlways_throwsPermanent() {
    StubBackend backend = new StubBackend(StubScript.defaults().withFailAlways());
    assertThatThrownBy(() -> backend.complete(ask(8), TokenListener.NONE))
        .isInstanceOf(PermanentBackendException.class);
  }

  @Test
  void hang_blocksUntilInterrupted() throws Exception {
    StubBackend backend = new StubBackend(StubScript.fixed("a b c d").withHang(2, 1));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(() -> {
          try {
            backend.complete(ask(8), TokenListener.NONE);
          } catch (RuntimeException e) {
            failure.set(e);
          }
        });
    thread.start();
    thread.join(300);
    assertThat(thread.isAlive()).isTrue();
    thread.interrupt();
    thread.join(2_000);
    assertThat(failure.get()).isInstanceOf(GenerationCancelledException.class);
    assertThat(backend.complete(ask(8), TokenListener.NONE).text()).isEqualTo("a b c d");
  }

  @Test
  void jsonSchema_nonJsonReply_isReplacedByDefaultInstance() {
    StubBackend backend = new StubBackend(StubScript.fixed("not json"));
    String schema =
        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"},"
            + "\"kind\":{\"enum\":[\"a\",\"b\"]}},\"required\":[\"n\",\"kind\"]}";
    String text = backend.complete(ask(32).withJsonSchema(schema), TokenListener.NONE).text();
    assertThat(text).isEqualTo("{\"n\":0,\"kind\":\"a\"}");
  }

  @Test
  void countTokens_piecesConcatenateBack() {
    String text = "def f(x):\n    return x + 1  # done";
    assertThat(String.join("", StubTokenizer.pieces(text))).isEqualTo(text);
  }
}
