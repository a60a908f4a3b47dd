/**
 * Dumping and restoring databases with pg_dump and pg_restore: {@link pum.backup.Backup} is the
 * entry point.
 */
package pum.backup;
