/**
 * SWE-bench grading: apply a patch to a fresh copy, protect the tests, run them, read the report.
 */
@NullMarked
package dev.apex.activities.grading;

import org.jspecify.annotations.NullMarked;
