/** One class per pum command; picocli parses the options into them. */
package pum.shell.internal.commands;
