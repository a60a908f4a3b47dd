/** Internals of pum.delta: SQL splitting, placeholders, directives, the Java compiler, the Python shim and lock watching. */
package pum.delta.internal;
