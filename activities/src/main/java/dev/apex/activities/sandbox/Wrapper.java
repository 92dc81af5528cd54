package dev.apex.activities.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell script that runs inside every sandbox: copy the working copy in, run the command with
 * its own wall-time limit, then print the report files to stderr (the command's own stderr goes to
 * stdout), so one stream carries the output and the other the reports.
 */
final class Wrapper {

  static final String REPORT_START = "@@APEX-REPORT ";
  static final String REPORT_END = "@@APEX-END";

  /** Exit status of the script when it could not set up the copy. */
  static final int SETUP_FAILED = 125;

  /**
   * Arguments: {@code $1} the command, {@code $2} wall seconds. Environment: APEX_SRC, APEX_WORK,
   * APEX_REPORT_DIR, HOME; optional APEX_ULIMITS, a shell fragment applied before the command.
   * SIGINT first lets pytest and the JVM print what they have; SIGKILL follows 5 s later.
   */
  static final String SCRIPT =
      """
      exec 4>&2 2>&1
      mkdir -p "$APEX_WORK" "$APEX_REPORT_DIR" "$HOME" || exit 125
      if ! cp -R "$APEX_SRC/." "$APEX_WORK/"; then
        echo "apex-sandbox: could not copy the working copy in (disk limit?)"; exit 125
      fi
      cd "$APEX_WORK" || exit 125
      eval "${APEX_ULIMITS:-}"
      if command -v timeout >/dev/null 2>&1; then
        timeout -s INT -k 5 "$2" /bin/sh -c "$1" </dev/null 4>&-
      else
        /bin/sh -c "$1" </dev/null 4>&-
      fi
      rc=$?
      if cd "$APEX_REPORT_DIR" 2>/dev/null; then
        find . -type f -size -8192k | while IFS= read -r f; do
          printf '@@APEX-REPORT %s\\n' "${f#./}" >&4; base64 <"$f" >&4; printf '@@APEX-END\\n' >&4
        done
      fi
      exit $rc
      """;

  private Wrapper() {}

  /** argv after the launcher: {@code /bin/sh -c SCRIPT apex-sandbox COMMAND SECONDS}. */
  static List<String> argv(String command, long wallSeconds) {
    return List.of(
        "/bin/sh", "-c", SCRIPT, "apex-sandbox", command, Long.toString(Math.max(1, wallSeconds)));
  }

  /** Decodes the report frames the script printed. Truncated frames are dropped. */
  static Map<String, String> reports(byte[] stream) {
    Map<String, String> reports = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : new String(stream, StandardCharsets.ISO_8859_1).lines().toList()) {
      if (line.startsWith(REPORT_START)) {
        name =
            new String(
                line.substring(REPORT_START.length()).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        body.setLength(0);
      } else if (line.equals(REPORT_END) && name != null) {
        try {
          byte[] bytes = Base64.getMimeDecoder().decode(body.toString());
          reports.put(name, new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // A corrupt frame is a missing report; the tests in it count as missing.
        }
        name = null;
      } else if (name != null) {
        body.append(line.strip());
      }
    }
    return reports;
  }
}
