package dev.apex.workflows.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every folder and file name in a run directory, in one place. Paths are strings so workflow code
 * can build them (no I/O happens here); ids become names through {@link #fileName(String)}, which
 * is injective, case-insensitive safe and bounded.
 *
 * <pre>
 * RUN_DIR/
 *   manifest.json            the batch this directory holds and its inputs' fingerprints
 *   batch.json               the batch's id, settings and task ids
 *   results.jsonl            one row per task
 *   predictions.jsonl        SWE-bench's format
 *   report.json
 *   success_at_budget.svg
 *   episodes/NAME.json       an episode's row, NAME from its instance id
 *   workspaces/NAME/         an episode's working copy, NAME from its episode id
 *   workspaces/NAME.turns/   the working copy as each Coder turn found it (a retry restores it)
 *   sessions/NAME/           its roles' conversations, NAME from its episode id
 *   grading/NAME/            how an episode was graded (RunFiles#evidenceDir), NAME from its
 *                            instance id
 * </pre>
 */
public final class RunLayout {

  public static final String BATCH_FILE = "batch.json";
  public static final String MANIFEST = "manifest.json";
  public static final String RESULTS = "results.jsonl";
  public static final String PREDICTIONS = "predictions.jsonl";
  public static final String REPORT = "report.json";
  public static final String CURVE_SVG = "success_at_budget.svg";
  public static final String EPISODES = "episodes";
  public static final String WORKSPACES = "workspaces";
  public static final String SESSIONS = "sessions";
  public static final String GRADING = "grading";

  /** Where a batch that names no run directory writes: {@code BASE/runs/BATCH_ID}. */
  public static final String RUNS = "runs";

  /** Longest id kept as it is; longer or unusual ids get a readable prefix and a hash. */
  static final int MAX_PLAIN = 120;

  /** How much of an unusual id stays readable in its name. */
  static final int PREFIX = 80;

  /** Ids used as they are: lowercase letters, digits, '.', '_', '-'; not starting with '.'. */
  private static final Pattern PLAIN =
      Pattern.compile("[a-z0-9_-][a-z0-9._-]{0," + (MAX_PLAIN - 1) + "}");

  /**
   * Suffixes of the siblings a working copy keeps beside itself (its git directory, its Coder
   * checkpoints); a plain name ending in one would meet another working copy's sibling.
   */
  private static final List<String> SIBLING_SUFFIXES = List.of(".git", ".turns");

  private RunLayout() {}

  /**
   * An id as a file name. Plain ids (lowercase, {@code [a-z0-9._-]}, at most 120 chars) are kept as
   * they are. Any other id becomes its first 80 chars with other characters as {@code _}, then
   * {@code ~} and 32 hex chars of the SHA-256 of the exact id: {@code ~} never occurs in a plain
   * name, so the two forms cannot meet, and {@code a/b}, {@code a_b}, {@code Foo} and {@code foo}
   * get four different names even on a case-insensitive file system. Names are at most 113 chars.
   */
  public static String fileName(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty id");
    }
    if (PLAIN.matcher(id).matches() && SIBLING_SUFFIXES.stream().noneMatch(id::endsWith)) {
      return id;
    }
    String readable = id.substring(0, Math.min(id.length(), PREFIX));
    // Surrogate pairs cut in half, and every other unusual char, become '_'.
    readable = readable.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    if (readable.startsWith(".")) {
      readable = "_" + readable.substring(1);
    }
    return readable + "~" + sha256(id).substring(0, 32);
  }

  /** An episode's row: {@code episodes/NAME.json}. */
  public static String episodeFile(String runDir, String instanceId) {
    return runDir + "/" + EPISODES + "/" + fileName(instanceId) + ".json";
  }

  /** An episode's working copy: {@code workspaces/NAME}. */
  public static String workspace(String runDir, String episodeId) {
    return runDir + "/" + WORKSPACES + "/" + fileName(episodeId);
  }

  /** Checkpoints of the working copy {@code workspace}, one per Coder turn. */
  public static String turnCheckpoints(String workspace) {
    return workspace + SIBLING_SUFFIXES.get(1);
  }

  /** The git directory of the working copy {@code workspace}: beside it, out of its reach. */
  public static String gitDir(String workspace) {
    return workspace + SIBLING_SUFFIXES.get(0);
  }

  /** An episode's role conversations: {@code sessions/NAME}. */
  public static String sessions(String runDir, String episodeId) {
    return runDir + "/" + SESSIONS + "/" + fileName(episodeId);
  }

  /** A file directly in the run directory, one of the constants above. */
  public static String file(String runDir, String name) {
    return runDir + "/" + name;
  }

  private static String sha256(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
