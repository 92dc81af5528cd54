package dev.apex.activities.edits;

/** The JSON schema of an edit request, for grammar-constrained generation. */
public final class EditSchema {

  /** {@code {"edits":[{"path":..,"search":..,"replace":..} | {"path":..,"content":..}, ...]}}. */
  public static final String JSON =
      """
      {"type":"object",\
      "properties":{"edits":{"type":"array","minItems":1,"items":{"anyOf":[\
      {"type":"object","properties":{"path":{"type":"string"},"search":{"type":"string"},\
      "replace":{"type":"string"}},"required":["path","search","replace"],\
      "additionalProperties":false},\
      {"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"}},\
      "required":["path","content"],"additionalProperties":false}]}}},\
      "required":["edits"],"additionalProperties":false}\
      """;

  /** How to use the format, for the Coder's system prompt. */
  public static final String INSTRUCTIONS =
      """
      Answer with JSON: {"edits": [...]}. Each edit is either
        {"path": "dir/file.py", "search": "exact old text", "replace": "new text"}
      to replace text that occurs exactly once in an existing file (copy it exactly, with its
      indentation, and include enough lines to make it unique), or
        {"path": "dir/file.py", "content": "the whole new file"}
      to create or overwrite a file. Paths are relative to the repository root.\
      """;

  private EditSchema() {}
}
