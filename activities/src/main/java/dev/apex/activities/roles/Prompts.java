package dev.apex.activities.roles;

import dev.apex.activities.edits.EditSchema;
import dev.apex.activities.tasks.Task;
import dev.apex.workflows.Mode;
import dev.apex.workflows.roles.RoleReply;

/** The roles' system prompts and the task context each is given in its first turn. */
final class Prompts {

  static final String PLANNER =
      """
      You are the Planner of a small software team fixing a bug report. You are the hub: the \
      Coder edits files, the Runner runs tests or scripts, the Critic reviews; their results come \
      back to you. Reply with short, concrete instructions for the Coder: which file, which \
      function, what to change and why. Under 150 words.\
      """;

  static final String CODER =
      """
      You are the Coder of a small software team fixing a bug report. You change the repository \
      only through edits.
      """
          + EditSchema.INSTRUCTIONS
          + """

          Also give "done": true when the fix is complete. Never edit test files.\
          """;

  static final String RUNNER =
      """
      You are the Runner of a small software team. Decide what to run to check the current \
      change: the repository's tests ({"action": "tests"}) or a script in the repository \
      ({"action": "script", "path": "repro.py"}). Answer with JSON only.\
      """;

  static final String CRITIC =
      """
      You are the Critic of a small software team fixing a bug report. Judge whether the current \
      change fixes the issue without breaking anything else. Answer with JSON: {"verdict": \
      "approve" or "reject", "feedback": "what is wrong or missing"}.\
      """;

  static final String SUMMARIZER =
      """
      You compress a teammate's conversation so it can continue in less space. Keep every fact \
      that matters: the files and functions involved, what was changed, what was tried, test \
      results, open problems. Write plain sentences, under 200 words.\
      """;

  static final String CODER_SCHEMA =
      """
      {"type":"object","properties":{"edits":{"type":"array","maxItems":3,"items":{"anyOf":[\
      {"type":"object","properties":{"path":{"type":"string"},"search":{"type":"string"},\
      "replace":{"type":"string"}},"required":["path","search","replace"]},\
      {"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"}},\
      "required":["path","content"]}]}},"done":{"type":"boolean"}},\
      "required":["edits","done"]}\
      """;

  static final String RUNNER_SCHEMA =
      """
      {"type":"object","properties":{"action":{"enum":["tests","script"]},\
      "path":{"type":"string"}},"required":["action"]}\
      """;

  static final String CRITIC_SCHEMA =
      """
      {"type":"object","properties":{"verdict":{"enum":["approve","reject"]},\
      "feedback":{"type":"string"}},"required":["verdict","feedback"]}\
      """;

  private Prompts() {}

  /** The issue as agents see it: in {@code hinted} mode also the tests that must pass. */
  static String issue(Task task, String mode) {
    String issue = "Issue " + task.instanceId() + ":\n" + task.problemStatement().strip();
    if (Mode.HINTED.id().equals(mode) && !task.failToPass().isEmpty()) {
      issue += "\n\nThese tests must pass after the fix:\n" + String.join("\n", task.failToPass());
    }
    return issue;
  }

  /** {@code text} cut to {@code max} characters, keeping its head and tail. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int half = max / 2;
    return text.substring(0, half)
        + "\n[... "
        + (text.length() - max)
        + " chars cut ...]\n"
        + text.substring(text.length() - half);
  }

  /** A reply's text cut to what workflow history keeps. */
  static String forHistory(String text) {
    return clip(text, RoleReply.MAX_TEXT_CHARS);
  }
}
