/** Entry point of the pum command line. */
package pum.shell;
