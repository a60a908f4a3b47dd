/** Locating and running pg_dump and pg_restore, and reading what they print. */
package pum.backup.internal;
