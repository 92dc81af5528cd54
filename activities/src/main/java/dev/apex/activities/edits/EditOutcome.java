package dev.apex.activities.edits;

/**
 * What became of one edit.
 *
 * @param index position of the edit in the request, from 0
 * @param path the path it named, as given ("" when it named none)
 * @param applied whether the workspace changed
 * @param message what was done, or what was wrong, in words the model can act on
 */
public record EditOutcome(int index, String path, boolean applied, String message) {}
