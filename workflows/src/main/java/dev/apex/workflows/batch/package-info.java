/** The batch workflow: child episodes under a concurrency limit, paged with continue-as-new. */
@NullMarked
package dev.apex.workflows.batch;

import org.jspecify.annotations.NullMarked;
