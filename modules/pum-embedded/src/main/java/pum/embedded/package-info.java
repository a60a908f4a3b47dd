/** Starting, using and stopping a PostgreSQL server that pum manages itself. */
package pum.embedded;
