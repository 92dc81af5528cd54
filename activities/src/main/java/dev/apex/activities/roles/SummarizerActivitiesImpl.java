package dev.apex.activities.roles;

import dev.apex.backends.ChatMessage;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.roles.SummarizerActivities;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Summarizer on the pinned model: compresses another role's conversation and replaces it with
 * its system prompt, its first turn (the task) and the summary. The original is kept beside it.
 */
public final class SummarizerActivitiesImpl implements SummarizerActivities {

  /** How much of the subject's conversation the Summarizer reads. */
  static final int MAX_CONVERSATION_CHARS = 8_000;

  private final ModelBackend model;
  private final LlmCall llm;

  public SummarizerActivitiesImpl(ModelBackend model, CallObserver observer) {
    this.model = model;
    this.llm = new LlmCall(model, observer);
  }

  @Override
  public RoleReply summarize(RoleRequest request) {
    Role subject = request.subject();
    if (subject == null) {
      throw ApplicationFailure.newNonRetryableFailure("summarize needs a subject", "BadRequest");
    }
    SessionStore sessions = new SessionStore(Path.of(request.sessionDir()));
    String tag = "before-summary-" + request.turn();
    // A retried attempt starts again from the conversation as it was before the first attempt.
    sessions.restoreCopy(subject, tag);
    sessions.keepCopy(subject, tag);
    int subjectTurn = sessions.lastTurn(subject);
    List<ChatMessage> conversation = sessions.before(subject, subjectTurn + 1);
    if (conversation.size() < 3) {
      return new RoleReply(
          "Nothing to summarize yet.", 0, 0, false, Signal.NONE, tokens(conversation));
    }
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : conversation.subList(2, conversation.size())) {
      text.append(message.role().wireName()).append(": ").append(message.content()).append("\n\n");
    }
    LlmCall.Result result =
        llm.run(
            Role.SUMMARIZER,
            request,
            Prompts.SUMMARIZER,
            "",
            "Conversation of the "
                + subject.id()
                + ":\n"
                + Prompts.clip(text.toString(), MAX_CONVERSATION_CHARS),
            null);
    if (result.exhausted()) {
      return Replies.of(result, Signal.NONE);
    }
    List<ChatMessage> compressed = new ArrayList<>(conversation.subList(0, 2));
    compressed.add(ChatMessage.assistant("Summary of the work so far: " + result.text().strip()));
    sessions.replace(subject, subjectTurn, compressed);
    return new RoleReply(
        Prompts.forHistory(result.text()),
        result.promptTokens(),
        result.completionTokens(),
        false,
        Signal.NONE,
        tokens(compressed));
  }

  private int tokens(List<ChatMessage> conversation) {
    return conversation.isEmpty() ? 0 : model.countTokens(model.renderPrompt(conversation));
  }
}
