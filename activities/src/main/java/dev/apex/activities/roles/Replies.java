package dev.apex.activities.roles;

import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.Signal;

/** Turns a call's result into the reply the workflow records. */
final class Replies {

  private Replies() {}

  static RoleReply of(LlmCall.Result result, String text, Signal signal) {
    if (result.exhausted()) {
      return RoleReply.exhausted(result.sessionTokens());
    }
    return new RoleReply(
        Prompts.forHistory(text),
        result.promptTokens(),
        result.completionTokens(),
        false,
        signal,
        result.sessionTokens());
  }

  static RoleReply of(LlmCall.Result result, Signal signal) {
    return of(result, result.text(), signal);
  }
}
