/** Comparing two snapshots. */
package pum.diff;
