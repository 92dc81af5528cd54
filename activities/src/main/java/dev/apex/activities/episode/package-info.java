/** The episode's own steps: the working copy, grading and the result row. */
@NullMarked
package dev.apex.activities.episode;

import org.jspecify.annotations.NullMarked;
