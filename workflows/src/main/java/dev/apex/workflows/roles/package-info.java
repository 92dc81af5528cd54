/** The five role activity contracts and the records they exchange with episodes. */
@NullMarked
package dev.apex.workflows.roles;

import org.jspecify.annotations.NullMarked;
