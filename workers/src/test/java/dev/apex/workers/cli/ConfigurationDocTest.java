package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.backends.DefaultModel;
import dev.apex.workers.RoleModels;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.testing.DevServer;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** docs/configuration.md states the defaults the code has: every table row is checked here. */
class ConfigurationDocTest {

  private static final Path DOC =
      DevServer.findRepoRoot(Path.of("")).resolve("docs/configuration.md");

  /** A single backticked value, e.g. {@code `1800`}: a literal default the code must have. */
  private static final Pattern LITERAL = Pattern.compile("`([^`]+)`");

  private static final Pattern CELL = Pattern.compile(" \\| ");

  @Test
  void evalFlagTable_listsEveryFlag_withTheDefaultTheCommandHas() throws Exception {
    Map<String, List<String>> rows = table("## `./apex eval`");
    CommandSpec spec = new CommandLine(new EvalCommand()).getCommandSpec();
    Map<String, String> options = new LinkedHashMap<>();
    for (OptionSpec option : spec.options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        // A default in the annotation, else the command's default provider's; null for none.
        String value = option.defaultValue();
        options.put(
            option.longestName(),
            value != null ? value : spec.defaultValueProvider().defaultValue(option));
      }
    }
    Map<String, String> documented = new LinkedHashMap<>();
    rows.forEach((cell, row) -> documented.put(firstWord(cell), row.get(1)));

    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(options.keySet());
    options.forEach((flag, value) -> {
      String doc = Objects.requireNonNull(documented.get(flag));
      if (value != null) {
        assertThat(doc).as(flag).isEqualTo("`" + value + "`");
      } else {
        assertThat(doc).as(flag + " has no default in the code").doesNotMatch("`-?[0-9]+`");
      }
    });
  }

  @Test
  void batchInputTable_listsEveryField_withTheDefaultTheWorkflowApplies() throws IOException {
    Map<String, List<String>> rows = table("## Batch input JSON");
    BatchSpec spec = BatchInput.defaults().resolve();
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("limit", spec.limit());
    defaults.put("policy", spec.policy());
    defaults.put("budget", spec.budget());
    defaults.put("mode", spec.mode());
    defaults.put("episodeTimeoutS", spec.timeRule().episodeTimeoutS());
    defaults.put("progressExtendS", spec.timeRule().progressExtendS());
    defaults.put("maxEpisodeTimeoutS", spec.timeRule().maxEpisodeTimeoutS());
    defaults.put("llmTimeoutS", spec.timeRule().llmTimeoutS());
    defaults.put("heartbeatTimeoutS", spec.timeRule().heartbeatTimeoutS());
    defaults.put("testTimeoutS", spec.timeRule().testTimeoutS());
    defaults.put("gradingRuns", spec.timeRule().gradingRuns());
    defaults.put("maxRounds", spec.settings().maxRounds());
    defaults.put("maxCompletionTokens", spec.settings().maxCompletionTokens());
    defaults.put("hubContextTokens", spec.settings().hubContextTokens());
    defaults.put("concurrency", spec.concurrency());
    defaults.put("pageSize", spec.pageSize());

    List<String> fields =
        Arrays.stream(BatchInput.class.getRecordComponents())
            .map(RecordComponent::getName)
            .filter(name -> !name.equals("continuation"))
            .toList();
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(fields);
    defaults.forEach((field, value) -> {
      String doc = Objects.requireNonNull(rows.get(field)).get(2);
      assertThat(firstWord(doc.replace("`", ""))).as(field).isEqualTo(String.valueOf(value));
    });
  }

  @Test
  void environmentTable_givesTheDefaultsTheWorkersHave() throws IOException {
    Map<String, List<String>> rows = table("## Environment variables");
    Map<String, String> defaults =
        Map.of(
            RoleModels.BACKEND_ENV,
            RoleModels.DEFAULT_BACKEND,
            DefaultModel.PATH_ENV,
            DefaultModel.RELATIVE_PATH,
            RoleModels.ROLES_CONFIG_ENV,
            WorkerConfig.ROLES_CONFIG,
            "APEX_METRICS_PORT_BASE",
            String.valueOf(WorkerConfig.METRICS_PORT_BASE),
            "TEMPORAL_NAMESPACE",
            WorkerConfig.DEFAULT_NAMESPACE);
    defaults.forEach((variable, value) -> {
      String doc = Objects.requireNonNull(rows.get(variable), variable).get(1);
      Matcher literal = LITERAL.matcher(doc);
      assertThat(literal.find()).as(variable + ": " + doc).isTrue();
      assertThat(literal.group(1)).as(variable).isEqualTo(value);
    });
  }

  private static String firstWord(String text) {
    int space = text.indexOf(' ');
    return space < 0 ? text : text.substring(0, space);
  }

  /**
   * The rows of the first table after {@code heading}, keyed by their first cell without its
   * backticks; each row's cells as written.
   */
  private static Map<String, List<String>> table(String heading) throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int at = lines.indexOf(heading);
    assertThat(at).as(heading + " in " + DOC).isNotNegative();
    Map<String, List<String>> rows = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : lines.subList(at + 1, lines.size())) {
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      List<String> cells =
          CELL.splitAsStream(line.substring(1, line.length() - 1)).map(String::strip).toList();
      String key = cells.get(0).replace("`", "");
      if (!key.equals("flag")
          && !key.equals("field")
          && !key.equals("variable")
          && !key.startsWith("---")) {
        rows.put(key, cells);
      }
    }
    return rows;
  }
}
