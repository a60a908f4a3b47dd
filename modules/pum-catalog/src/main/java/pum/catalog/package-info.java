/** Snapshots of database schemas. */
package pum.catalog;
