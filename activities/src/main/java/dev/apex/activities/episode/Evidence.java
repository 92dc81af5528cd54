package dev.apex.activities.episode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.activities.grading.Grade;
import dev.apex.activities.grading.TestRun;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.tasks.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes what grading saw into the run directory, in the files {@link RunFiles} names. */
final class Evidence {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Evidence() {}

  /** Writes (replacing a retry's) the evidence of {@code graded}; returns its folder, relative. */
  static String write(Path runDir, Task task, String patch, Grade graded) {
    String relative = RunFiles.evidenceDir(task.instanceId());
    Path dir = runDir.resolve(relative);
    try {
      Files.createDirectories(dir);
      try (var old = Files.list(dir)) {
        for (Path file : old.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.writeString(dir.resolve(RunFiles.PATCH_FILE), patch);
      Files.writeString(
          dir.resolve(RunFiles.TEST_SCRIPT_FILE),
          "#!/bin/sh\n# run at the repository root in the sandbox, at most "
              + graded.testTimeout().toSeconds()
              + " s\n"
              + task.testCmd()
              + "\n");
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int i = 0; i < graded.runs().size(); i++) {
        TestRun run = graded.runs().get(i);
        Map<String, Object> row = new LinkedHashMap<>();
        SandboxResult sandbox = run.sandbox();
        if (sandbox != null) {
          String file = RunFiles.testOutputFile(i + 1);
          Files.writeString(dir.resolve(file), sandbox.output());
          row.put("exit_code", sandbox.exitCode());
          row.put("termination", sandbox.termination());
          row.put("summary", sandbox.summary());
          row.put("output_bytes", sandbox.outputBytes());
          row.put("output_file", file);
        } else {
          row.put("exit_code", null);
          row.put("summary", run.error() != null ? run.error() : "tests not run");
        }
        row.put("elapsed_s", run.elapsed().toMillis() / 1000.0);
        runs.add(row);
      }
      Map<String, Object> grade = new LinkedHashMap<>();
      grade.put("instance_id", task.instanceId());
      grade.put("test_cmd", task.testCmd());
      grade.put("test_timeout_s", graded.testTimeout().toSeconds());
      grade.put("apply_method", graded.applyMethod());
      grade.put("reverted_test_files", graded.revertedTestFiles());
      grade.put("resolved", graded.resolved());
      grade.put("error", graded.error());
      grade.put("flaky_tests", graded.flakyTests());
      grade.put("tests", graded.tests());
      grade.put("runs", runs);
      JSON.writeValue(dir.resolve(RunFiles.GRADE_FILE).toFile(), grade);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the grading evidence in " + dir, e);
    }
    return relative;
  }
}
