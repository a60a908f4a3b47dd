/** Catalog readers: one typed jOOQ query per object kind over the generated pg_catalog classes. */
package pum.catalog.internal;
