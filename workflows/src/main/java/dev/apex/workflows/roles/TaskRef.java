package dev.apex.workflows.roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where a task lives: its instance id within a JSONL task file. Tasks stay out of workflow history;
 * activities load them by reference.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TaskRef(String instanceId, String tasksFile) {}
