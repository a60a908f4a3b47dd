/** Versioned delta files and upgrading databases with them. */
package pum.delta;
