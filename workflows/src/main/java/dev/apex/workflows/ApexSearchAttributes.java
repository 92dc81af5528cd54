package dev.apex.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes episodes and batches carry, so the UI and {@code temporal workflow list
 * --query} can filter them. They must be registered on the namespace first (temporal-dev does); an
 * unregistered attribute fails every workflow task.
 */
public final class ApexSearchAttributes {

  public static final SearchAttributeKey<String> TASK = SearchAttributeKey.forKeyword("ApexTask");
  public static final SearchAttributeKey<String> POLICY =
      SearchAttributeKey.forKeyword("ApexPolicy");
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("ApexOutcome");
  public static final SearchAttributeKey<Long> TOKENS = SearchAttributeKey.forLong("ApexTokens");
  public static final SearchAttributeKey<String> BATCH = SearchAttributeKey.forKeyword("ApexBatch");

  /** Every key, for registration checks. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(TASK, POLICY, OUTCOME, TOKENS, BATCH);

  /** Outcome value while an episode or batch is still running. */
  public static final String RUNNING = "RUNNING";

  private ApexSearchAttributes() {}
}
