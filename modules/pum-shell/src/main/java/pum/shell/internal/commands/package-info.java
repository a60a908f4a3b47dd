/** One class per pum command, each declaring its options as values (see pum.shell.internal.cli). */
package pum.shell.internal.commands;
