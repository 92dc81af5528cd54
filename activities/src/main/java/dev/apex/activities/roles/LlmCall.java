package dev.apex.activities.roles;

import dev.apex.backends.BackendException;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One LLM call of a role: the role's conversation from the session store plus the new message,
 * fitted to the model's context, clamped to the episode's token allowance, generated with
 * heartbeats, and recorded back as this turn. Failures are translated once: permanent backend
 * errors become non-retryable, everything else is left for Temporal to retry.
 */
final class LlmCall {

  /** Decoding that produces no token for this long counts as hung: heartbeats stop. */
  static final Duration STALL = Duration.ofSeconds(20);

  /** What a call produced; {@code exhausted} when its prompt did not fit the allowance. */
  record Result(
      String text, int promptTokens, int completionTokens, int sessionTokens, boolean exhausted) {}

  private final ModelBackend model;
  private final CallObserver observer;

  LlmCall(ModelBackend model, CallObserver observer) {
    this.model = model;
    this.observer = observer;
  }

  /**
   * @param system the role's system prompt
   * @param opening context given once, in the first turn (the task, the repository)
   * @param message what the policy forwards now
   * @param schema JSON schema the reply must satisfy, or null for free text
   */
  Result run(
      Role role,
      RoleRequest request,
      String system,
      String opening,
      String message,
      @Nullable String schema) {
    SessionStore sessions = new SessionStore(Path.of(request.sessionDir()));
    List<ChatMessage> history = sessions.before(role, request.turn());
    List<ChatMessage> turn = new ArrayList<>();
    if (history.isEmpty()) {
      turn.add(ChatMessage.system(system));
      turn.add(ChatMessage.user(opening.isBlank() ? message : opening + "\n\n" + message));
    } else {
      turn.add(ChatMessage.user(message));
    }
    List<ChatMessage> prompt = fit(history, turn, request.maxCompletionTokens());
    int promptTokens = model.countTokens(model.renderPrompt(prompt));
    int room = request.tokenAllowance() - promptTokens;
    if (room < RoleRequest.MIN_COMPLETION_TOKENS) {
      observer.ended(role, "exhausted");
      return new Result("", 0, 0, promptTokens, true);
    }
    int maxTokens =
        Math.min(
            Math.min(request.maxCompletionTokens(), room),
            model.info().contextSize() - promptTokens);
    if (maxTokens < 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the " + role.id() + "'s prompt of " + promptTokens + " tokens fills the model's context",
          "ContextFull");
    }
    Completion completion = generate(role, prompt, maxTokens, schema, promptTokens);
    if (completion.usage().total() > request.tokenAllowance()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "backend used "
              + completion.usage().total()
              + " tokens of an allowance of "
              + request.tokenAllowance(),
          "BudgetViolation");
    }
    List<ChatMessage> recorded = new ArrayList<>(turn);
    recorded.add(ChatMessage.assistant(completion.text()));
    sessions.write(role, request.turn(), recorded);
    List<ChatMessage> session = new ArrayList<>(history);
    session.addAll(recorded);
    return new Result(
        completion.text(),
        completion.usage().promptTokens(),
        completion.usage().completionTokens(),
        model.countTokens(model.renderPrompt(session)),
        false);
  }

  /**
   * Keeps the system prompt and the first user turn (the task), then as many of the latest turns as
   * fit the context with room for the completion; older middle turns are left out of the prompt
   * (they stay in the session file).
   */
  private List<ChatMessage> fit(List<ChatMessage> history, List<ChatMessage> turn, int completion) {
    int limit =
        model.info().contextSize() - Math.max(completion, RoleRequest.MIN_COMPLETION_TOKENS);
    List<ChatMessage> all = new ArrayList<>(history);
    all.addAll(turn);
    int head = Math.min(2, history.size());
    List<ChatMessage> middle = new ArrayList<>(all.subList(head, all.size() - turn.size()));
    while (true) {
      List<ChatMessage> prompt = new ArrayList<>(all.subList(0, head));
      prompt.addAll(middle);
      prompt.addAll(turn);
      if (middle.isEmpty() || model.countTokens(model.renderPrompt(prompt)) <= limit) {
        return prompt;
      }
      middle.remove(0);
    }
  }

  private Completion generate(
      Role role,
      List<ChatMessage> prompt,
      int maxTokens,
      @Nullable String schema,
      int promptTokens) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    observer.started(role);
    try (CallHeartbeat heartbeat = new CallHeartbeat(context, STALL, "prompt", promptTokens)) {
      CompletionRequest request =
          CompletionRequest.ofMessages(prompt, maxTokens).withJsonSchema(schema);
      try {
        Completion completion =
            model.complete(
                request,
                (piece, produced) -> {
                  heartbeat.token(produced);
                  ActivityCompletionException stop = heartbeat.stopped();
                  if (stop != null) {
                    throw new GenerationCancelledException("call stopped: " + stop.getMessage());
                  }
                });
        observer.finished(role, completion);
        observer.ended(role, "ok");
        return completion;
      } catch (GenerationCancelledException e) {
        observer.ended(role, "cancelled");
        ActivityCompletionException stop = heartbeat.stopped();
        throw stop != null ? stop : e;
      } catch (BackendException e) {
        observer.ended(role, e.retryable() ? "retryable" : "permanent");
        if (e.retryable()) {
          throw e;
        }
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            String.valueOf(e.getMessage()), "PermanentBackendException", e);
      } catch (RuntimeException e) {
        // Anything else still ends the call, or the worker would report a busy slot forever.
        observer.ended(role, "error");
        throw e;
      }
    }
  }
}
