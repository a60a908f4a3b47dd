/** Dumping and restoring databases with pg_dump and pg_restore. */
package pum.backup;
