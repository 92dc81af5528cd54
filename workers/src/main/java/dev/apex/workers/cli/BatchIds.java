package dev.apex.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.workflows.batch.BatchInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A batch's workflow id, derived from its inputs: running the same command again finds the same
 * batch and resumes it instead of starting over.
 */
final class BatchIds {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private BatchIds() {}

  /**
   * @param inputs the fingerprints of what decides the batch's results ({@link BatchInputs}): an
   *     edited task file, predictions file or model gives a new id
   */
  static String of(BatchInput input, String backend, Map<String, String> inputs) {
    try {
      String canonical =
          CANONICAL.writeValueAsString(input)
              + "|"
              + backend
              + "|"
              + CANONICAL.writeValueAsString(new TreeMap<>(inputs));
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      String policy = input.predictions() != null ? "predictions" : String.valueOf(input.policy());
      return "apex-" + policy.replace('_', '-') + "-" + HexFormat.of().formatHex(hash, 0, 5);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
