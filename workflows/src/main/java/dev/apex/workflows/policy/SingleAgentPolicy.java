package dev.apex.workflows.policy;

import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.Signal;

/** One Coder loop: it edits until it says it is done or the rounds run out. */
final class SingleAgentPolicy implements Policy {

  @Override
  public String run(Team team, PolicySettings settings) {
    String message = "Fix the issue. Say done when the fix is complete.";
    for (int round = 1; round <= settings.maxRounds(); round++) {
      RoleReply code = team.writePatch(message);
      if (code.signal() == Signal.DONE) {
        return "coder done in round " + round;
      }
      message =
          code.signal() == Signal.PATCH_FAILED
              ? "Your edits failed:\n" + Messages.excerpt(code) + "\nTry again."
              : "Your edits were applied:\n"
                  + Messages.excerpt(code)
                  + "\nContinue, or say done when the fix is complete.";
    }
    return "submitted after " + settings.maxRounds() + " rounds";
  }
}
