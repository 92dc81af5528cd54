package dev.apex.activities.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.ChatMessage;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Each role's conversation in an episode, one JSONL file per role under the episode's session
 * directory. Every message carries the turn that wrote it, so a retried call first drops what an
 * earlier attempt of the same turn left. Files are replaced atomically.
 */
public final class SessionStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One stored message. */
  record Entry(int turn, String role, String content) {}

  private final Path dir;

  public SessionStore(Path dir) {
    this.dir = dir;
  }

  public Path file(Role role) {
    return dir.resolve(role.id() + ".jsonl");
  }

  /** The conversation as it stood before {@code turn}: messages of earlier turns only. */
  public List<ChatMessage> before(Role role, int turn) {
    List<ChatMessage> messages = new ArrayList<>();
    for (Entry entry : read(role)) {
      if (entry.turn() < turn) {
        messages.add(new ChatMessage(ChatMessage.Role.valueOf(entry.role()), entry.content()));
      }
    }
    return messages;
  }

  /** Records {@code messages} as {@code turn}, replacing whatever that turn or later ones left. */
  public void write(Role role, int turn, List<ChatMessage> messages) {
    List<Entry> kept = new ArrayList<>();
    for (Entry entry : read(role)) {
      if (entry.turn() < turn) {
        kept.add(entry);
      }
    }
    for (ChatMessage message : messages) {
      kept.add(new Entry(turn, message.role().name(), message.content()));
    }
    save(role, kept);
  }

  /** Replaces the whole conversation, e.g. with a summary; all of it is tagged {@code turn}. */
  public void replace(Role role, int turn, List<ChatMessage> messages) {
    List<Entry> entries = new ArrayList<>();
    for (ChatMessage message : messages) {
      entries.add(new Entry(turn, message.role().name(), message.content()));
    }
    save(role, entries);
  }

  /** The highest turn recorded for {@code role}; 0 when it has no conversation yet. */
  public int lastTurn(Role role) {
    int last = 0;
    for (Entry entry : read(role)) {
      last = Math.max(last, entry.turn());
    }
    return last;
  }

  /** Copies {@code role}'s file aside under {@code tag}, once; later calls keep the first copy. */
  public void keepCopy(Role role, String tag) {
    Path source = file(role);
    Path copy = dir.resolve(role.id() + "." + tag + ".jsonl");
    try {
      if (Files.exists(source) && !Files.exists(copy)) {
        Files.copy(source, copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts back the copy {@link #keepCopy} made, when there is one. */
  public void restoreCopy(Role role, String tag) {
    Path copy = dir.resolve(role.id() + "." + tag + ".jsonl");
    try {
      if (Files.exists(copy)) {
        Files.copy(copy, file(role), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Entry> read(Role role) {
    Path file = file(role);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Entry> entries = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          entries.add(JSON.readValue(line, Entry.class));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read session " + file, e);
    }
  }

  private void save(Role role, List<Entry> entries) {
    Path file = file(role);
    try {
      Files.createDirectories(dir);
      StringBuilder out = new StringBuilder();
      for (Entry entry : entries) {
        out.append(line(entry)).append('\n');
      }
      Path temp = Files.createTempFile(dir, role.id(), ".tmp");
      Files.writeString(temp, out);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write session " + file, e);
    }
  }

  private static String line(Entry entry) {
    try {
      return JSON.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
