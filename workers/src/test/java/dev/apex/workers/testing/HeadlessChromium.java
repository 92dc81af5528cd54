package dev.apex.workers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver endpoints (plain HTTP and JSON):
 * open a page, read or poll its DOM, save a screenshot. Not thread-safe; close it to stop both.
 *
 * <p>{@code APEX_CHROMIUM} and {@code APEX_CHROMEDRIVER} override where the two are found (by
 * default {@code chromium} and {@code chromedriver} on the PATH, as Debian installs them).
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Chromium's flags for a closed-network CI machine running as root. */
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1440,1000");

  private final Process driver;
  private final String base;
  private final Path profile;
  private String session = "";

  private HeadlessChromium(Process driver, String base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** Chromium's binary, or empty when neither {@code APEX_CHROMIUM} nor the PATH has one. */
  public static Optional<Path> chromium() {
    return find("APEX_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
  }

  /** chromedriver's binary, or empty when it is not installed. */
  public static Optional<Path> chromedriver() {
    return find("APEX_CHROMEDRIVER", "chromedriver");
  }

  /** Starts chromedriver and a browser session with a fresh profile. */
  public static HeadlessChromium start() throws IOException, InterruptedException {
    Path chromium = chromium().orElseThrow(() -> new IllegalStateException("no chromium"));
    Path chromedriver =
        chromedriver().orElseThrow(() -> new IllegalStateException("no chromedriver"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("apex-chromedriver", ".log");
    Process driver =
        new ProcessBuilder(chromedriver.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    Path profile = Files.createTempDirectory("apex-chromium-profile");
    HeadlessChromium browser = new HeadlessChromium(driver, base, profile);
    try {
      browser.awaitDriver(log);
      List<String> args = new java.util.ArrayList<>(FLAGS);
      args.add("--user-data-dir=" + profile);
      JsonNode session =
          browser.call(
              "POST",
              "/session",
              Map.of(
                  "capabilities",
                  Map.of(
                      "alwaysMatch",
                      Map.of(
                          "browserName",
                          "chrome",
                          "goog:chromeOptions",
                          Map.of("binary", chromium.toString(), "args", args)))));
      browser.session = session.path("sessionId").asText();
      return browser;
    } catch (IOException | RuntimeException e) {
      browser.close();
      throw e;
    }
  }

  /** Navigates to {@code url}; returns once the document has loaded (not the SPA's rendering). */
  public void open(String url) throws IOException, InterruptedException {
    call("POST", "/session/" + session + "/url", Map.of("url", url));
  }

  /** Runs {@code script} (a function body; {@code return} its value) in the page. */
  public JsonNode execute(String script) throws IOException, InterruptedException {
    return call(
        "POST",
        "/session/" + session + "/execute/sync",
        Map.of("script", script, "args", List.of()));
  }

  /** The page's visible text. */
  public String text() throws IOException, InterruptedException {
    return execute("return document.body ? document.body.innerText : '';").asText("");
  }

  /**
   * Polls the page's visible text until {@code done} accepts it; returns the last text seen. A
   * single-page app renders after load, from its own API calls, so a one-shot read is not enough.
   */
  public String awaitText(Predicate<String> done, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = text();
    while (!done.test(text) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      text = text();
    }
    return text;
  }

  /** Saves a PNG screenshot of the viewport to {@code file}, creating its directory. */
  public void screenshot(Path file) throws IOException, InterruptedException {
    String png = call("GET", "/session/" + session + "/screenshot", null).asText();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  @Override
  public void close() {
    try {
      if (!session.isEmpty()) {
        call("DELETE", "/session/" + session, null);
      }
    } catch (IOException | RuntimeException e) {
      // chromedriver is stopped below either way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
      try {
        driver.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteQuietly(profile);
    }
  }

  private void awaitDriver(Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) {
        throw new IllegalStateException("chromedriver exited: " + Files.readString(log));
      }
      try {
        if (call("GET", "/status", null).path("ready").asBoolean(false)) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("chromedriver not ready after 30 s: " + Files.readString(log));
  }

  /** One WebDriver command; returns its {@code value}, throws with the driver's message. */
  private JsonNode call(String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode value = JSON.readTree(response.body()).path("value");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + ": "
              + value.path("error").asText()
              + ": "
              + value.path("message").asText());
    }
    return value;
  }

  private static Optional<Path> find(String env, String... names) {
    String configured = System.getenv(env);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator, -1)) {
      for (String name : names) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary profile; the OS cleans up eventually
    }
  }
}
