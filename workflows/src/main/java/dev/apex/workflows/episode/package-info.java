/**
 * The episode workflow, its input and result, the time rule and the token budget. Workflow code
 * here is deterministic; the progress probe is the one activity, and it only talks to Temporal.
 */
@NullMarked
package dev.apex.workflows.episode;

import org.jspecify.annotations.NullMarked;
