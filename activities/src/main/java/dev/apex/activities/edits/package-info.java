/** The Coder's edit format (search/replace and whole-file writes) and its application. */
@NullMarked
package dev.apex.activities.edits;

import org.jspecify.annotations.NullMarked;
