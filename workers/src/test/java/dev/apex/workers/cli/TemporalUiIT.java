package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import dev.apex.workers.testing.HeadlessChromium;
import dev.apex.workers.testing.StubFleet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A person's path through the Temporal Web UI, in headless Chromium: find a finished episode by its
 * task's search attribute, open it, see its id, status and readable summary. Screenshots stay in
 * the run directory's {@code ui/} folder.
 */
class TemporalUiIT {

  private static final String TASK = "py-median-even";
  private static final Pattern STARTED = Pattern.compile("(?:started|resuming) batch (\\S+)");
  private static final Pattern WATCH = Pattern.compile("watch it at (\\S+)");
  private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(90);

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void finishedEpisode_foundBySearchAttribute_showsItsIdStatusAndSummary() throws Exception {
    assumeTrue(
        HeadlessChromium.chromium().isPresent() && HeadlessChromium.chromedriver().isPresent(),
        "needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)");
    DevServer server = DevServer.ensureRunning();
    assumeTrue(server.isLocal(), "the Web UI is the local dev server's");
    ApexLauncher apex = ApexLauncher.against(server);
    Path runDir =
        server.repoRoot().resolve("workers/target/it-runs/ui-" + UUID.randomUUID()).normalize();
    // Workers stay up while the browser looks: the UI asks a worker for the current details.
    StubFleet fleet = StubFleet.start(apex);
    try {
      ApexLauncher.Run eval =
          apex.run(
              Duration.ofMinutes(10),
              "eval",
              "--predictions",
              "gold",
              "--instance-ids",
              TASK,
              "--out",
              runDir.toString());
      assertThat(eval.exitCode()).as(eval.err()).isZero();
      Matcher started = STARTED.matcher(eval.out());
      assertThat(started.find()).as(eval.out()).isTrue();
      String batchId = started.group(1);
      String episodeId = batchId + "--" + TASK;
      String ui = server.uiUrl() + "/namespaces/" + server.namespace() + "/workflows";

      Matcher link = WATCH.matcher(eval.out());
      assertThat(link.find()).as("a UI link in " + eval.out()).isTrue();

      try (HeadlessChromium browser = HeadlessChromium.start()) {
        browser.open(link.group(1));
        String batchPage =
            browser.awaitText(text -> text.contains(batchId) && completed(text), RENDER_TIMEOUT);
        browser.screenshot(runDir.resolve("ui/batch.png"));
        assertThat(batchPage).as("the batch's page").contains(batchId, "BatchEval");
        assertThat(batchPage).as("the batch's status").containsIgnoringCase("Completed");
        browser.open(metadataPage(browser));
        String batchSummary = awaitFrames(browser, text -> text.contains("resolved"));
        assertThat(batchSummary)
            .contains("APEX batch: gold predictions on 1 task", "Done: 1 of 1 resolved");

        String query = "ApexTask=\"" + TASK + "\" AND ApexBatch=\"" + batchId + "\"";
        browser.open(ui + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        String list = browser.awaitText(text -> text.contains(episodeId), RENDER_TIMEOUT);
        browser.screenshot(runDir.resolve("ui/episodes-by-task.png"));
        assertThat(list).as("the list filtered by ApexTask").contains(episodeId);
        assertThat(list).as("the episode's status in the list").containsIgnoringCase("Completed");

        String href =
            browser
                .execute(
                    "return Array.from(document.querySelectorAll('a'))"
                        + ".map(a => a.getAttribute('href'))"
                        + ".find(h => h && h.includes('/workflows/"
                        + episodeId
                        + "/')) || '';")
                .asText();
        assertThat(href).as("a link to the episode").isNotEmpty();
        browser.open(server.uiUrl() + href);
        // The header renders before the input and result payloads load: wait for the outcome too.
        String page =
            browser.awaitText(
                text -> text.contains(episodeId) && completed(text) && text.contains("RESOLVED"),
                RENDER_TIMEOUT);
        browser.screenshot(runDir.resolve("ui/episode.png"));
        assertThat(page).contains(episodeId, "Episode", "RESOLVED");
        assertThat(page).as("the episode's status").containsIgnoringCase("Completed");

        browser.open(metadataPage(browser));
        String summary =
            awaitFrames(browser, text -> text.contains("RESOLVED") && text.contains("budget"));
        browser.screenshot(runDir.resolve("ui/episode-summary.png"));
        assertThat(summary)
            .as("static summary and details, current details")
            .contains(
                TASK + " · predictions · budget 10000",
                "Grading the given gold patch",
                "RESOLVED — " + TASK,
                "FAIL_TO_PASS");
      }
    } finally {
      fleet.close();
    }
    assertThat(runDir.resolve("ui/episode.png")).isNotEmptyFile();
    assertThat(Files.size(runDir.resolve("ui/episode.png"))).isGreaterThan(10_000);
  }

  /** The UI shows a workflow's status as a badge: "Completed" before UI 2.54, "COMPLETED" since. */
  private static boolean completed(String text) {
    return text.toLowerCase(java.util.Locale.ROOT).contains("completed");
  }

  /**
   * The User Metadata tab of the workflow page the browser shows: a workflow opens on its {@code
   * /history} tab before UI 2.54, on {@code /timeline} since.
   */
  private static String metadataPage(HeadlessChromium browser) throws Exception {
    String here = browser.execute("return location.href;").asText();
    assertThat(here).containsPattern("/(history|timeline)");
    return here.replaceFirst("/(history|timeline).*$", "/user-metadata");
  }

  /** The text of the page's frames (the UI renders markdown summaries in iframes), polled. */
  private static String awaitFrames(
      HeadlessChromium browser, java.util.function.Predicate<String> done) throws Exception {
    String script =
        "return Array.from(document.querySelectorAll('iframe')).map(f => {"
            + " try { return f.contentDocument ? f.contentDocument.body.innerText : ''; }"
            + " catch (e) { return ''; } }).join('\\n');";
    long deadline = System.nanoTime() + RENDER_TIMEOUT.toNanos();
    String text = browser.execute(script).asText("");
    while (!done.test(text) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      text = browser.execute(script).asText("");
    }
    return text;
  }
}
