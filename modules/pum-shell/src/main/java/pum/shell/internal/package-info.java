/** The composition root: session state, connection handling, exit codes. */
package pum.shell.internal;
