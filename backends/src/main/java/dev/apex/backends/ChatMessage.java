package dev.apex.backends;

import java.util.Objects;

/** One turn of a conversation. */
public record ChatMessage(Role role, String content) {

  /** Who speaks. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    /** The name chat templates use. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
