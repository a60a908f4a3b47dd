/** SQL statements, with typed hazards, that build a snapshot's schema or turn one snapshot into another. */
package pum.ddl;
