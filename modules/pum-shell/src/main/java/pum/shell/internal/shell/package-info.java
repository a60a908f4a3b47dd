/** The interactive shell's parts: the running command and Ctrl-C, completion, named connections' commands. */
package pum.shell.internal.shell;
