/** Policies: how an episode arranges the five roles, one small class each. */
@NullMarked
package dev.apex.workflows.policy;

import org.jspecify.annotations.NullMarked;
