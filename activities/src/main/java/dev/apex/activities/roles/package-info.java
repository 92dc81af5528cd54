/** The five role activities: prompts, sessions, heartbeats, and the pinned model's calls. */
@NullMarked
package dev.apex.activities.roles;

import org.jspecify.annotations.NullMarked;
