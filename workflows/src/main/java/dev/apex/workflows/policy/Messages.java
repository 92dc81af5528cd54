package dev.apex.workflows.policy;

import dev.apex.workflows.roles.RoleReply;

/** Builds the short messages policies forward between roles. */
final class Messages {

  /** Longest excerpt of one role's reply forwarded to another. */
  static final int EXCERPT_CHARS = 1_500;

  private Messages() {}

  static String excerpt(RoleReply reply) {
    String text = reply.text().strip();
    if (text.length() <= EXCERPT_CHARS) {
      return text;
    }
    return text.substring(0, EXCERPT_CHARS)
        + "\n[... "
        + (text.length() - EXCERPT_CHARS)
        + " chars cut]";
  }

  static String labelled(String label, RoleReply reply) {
    return label
        + " ("
        + reply.signal().name().toLowerCase(java.util.Locale.ROOT)
        + "):\n"
        + excerpt(reply);
  }
}
