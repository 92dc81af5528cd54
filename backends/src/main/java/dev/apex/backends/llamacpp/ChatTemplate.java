package dev.apex.backends.llamacpp;

import dev.apex.backends.ChatMessage;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.gguf.GgufFile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A model's chat format rendered in Java, chosen from the GGUF's {@code tokenizer.chat_template}.
 *
 * <p>The begin-of-sequence token is left out: llama.cpp adds it when it tokenizes the prompt.
 *
 * @param style the turn markup
 * @param defaultSystem system prompt the template inserts when the conversation has none
 */
public record ChatTemplate(Style style, @Nullable String defaultSystem) {

  /** Turn markup families. */
  public enum Style {
    /** {@code <|im_start|>role ... <|im_end|>}: SmolLM2, Qwen, many fine-tunes. */
    CHATML,
    /**
     * {@code <start_of_turn>user ... <end_of_turn>}; the system prompt joins the first user turn.
     */
    GEMMA,
    /** {@code <|start_header_id|>role<|end_header_id|> ... <|eot_id|>}. */
    LLAMA3
  }

  /** A literal system turn in the template; its newline may be a real one or a Jinja escape. */
  private static final Pattern CHATML_DEFAULT_SYSTEM =
      Pattern.compile("<\\|im_start\\|>system(?:\\\\n|\n)([^'\"+{}]*?)<\\|im_end\\|>");

  /** The template of a model whose header is {@code header}; permanent failure when unsupported. */
  public static ChatTemplate of(GgufFile header) {
    try {
      String architecture = header.string("general.architecture").orElse("");
      if (header.chatTemplate().isEmpty() && architecture.startsWith("gemma")) {
        // Gemma base models ship without a template; their turn markup is still Gemma's.
        return new ChatTemplate(Style.GEMMA, null);
      }
      return fromJinja(header.chatTemplate().orElse(null));
    } catch (IllegalArgumentException e) {
      throw new PermanentBackendException(header.path().getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** Picks the style from a Jinja chat template; throws when none of ours matches it. */
  public static ChatTemplate fromJinja(@Nullable String jinja) {
    if (jinja == null) {
      throw new IllegalArgumentException("the model has no tokenizer.chat_template");
    }
    if (jinja.contains("<|im_start|>")) {
      Matcher m = CHATML_DEFAULT_SYSTEM.matcher(jinja);
      String system = m.find() ? m.group(1).replace("\\n", "\n").replace("\\'", "'") : null;
      return new ChatTemplate(Style.CHATML, system);
    }
    if (jinja.contains("<start_of_turn>")) {
      return new ChatTemplate(Style.GEMMA, null);
    }
    if (jinja.contains("<|start_header_id|>")) {
      return new ChatTemplate(Style.LLAMA3, null);
    }
    throw new IllegalArgumentException(
        "unsupported chat template (supported: ChatML, Gemma, Llama-3): "
            + jinja.substring(0, Math.min(80, jinja.length())).replace('\n', ' '));
  }

  /** The prompt for {@code messages}, ending with the assistant's generation prompt. */
  public String render(List<ChatMessage> messages) {
    StringBuilder out = new StringBuilder();
    switch (style) {
      case CHATML -> chatMl(messages, out);
      case GEMMA -> gemma(messages, out);
      case LLAMA3 -> llama3(messages, out);
    }
    return out.toString();
  }

  private void chatMl(List<ChatMessage> messages, StringBuilder out) {
    if (defaultSystem != null && firstRole(messages) != ChatMessage.Role.SYSTEM) {
      out.append("<|im_start|>system\n").append(defaultSystem).append("<|im_end|>\n");
    }
    for (ChatMessage m : messages) {
      out.append("<|im_start|>").append(m.role().wireName()).append('\n');
      out.append(m.content()).append("<|im_end|>\n");
    }
    out.append("<|im_start|>assistant\n");
  }

  private static void gemma(List<ChatMessage> messages, StringBuilder out) {
    String prefix = "";
    int start = 0;
    if (firstRole(messages) == ChatMessage.Role.SYSTEM) {
      prefix = messages.get(0).content() + "\n\n";
      start = 1;
    }
    for (int i = start; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      String role = m.role() == ChatMessage.Role.ASSISTANT ? "model" : m.role().wireName();
      out.append("<start_of_turn>").append(role).append('\n');
      out.append(i == start ? prefix : "").append(m.content().strip()).append("<end_of_turn>\n");
    }
    out.append("<start_of_turn>model\n");
  }

  private static void llama3(List<ChatMessage> messages, StringBuilder out) {
    for (ChatMessage m : messages) {
      out.append("<|start_header_id|>").append(m.role().wireName()).append("<|end_header_id|>\n\n");
      out.append(m.content().strip()).append("<|eot_id|>");
    }
    out.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  private static ChatMessage.@Nullable Role firstRole(List<ChatMessage> messages) {
    return messages.isEmpty() ? null : messages.get(0).role();
  }
}
