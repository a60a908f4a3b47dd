/** Implementation details of pum.core: libpq-compatible file parsers and YAML binding. */
package pum.core.internal;
