/**
 * pum's own small command-line parser: options declared as values (no annotations, no
 * reflection), PUM/argparse-compatible forms ({@code -p1 S}, {@code -i a b c},
 * {@code -v TYPE NAME VALUE}), and help rendering. Kept in-house because start-up time is a
 * feature: a reflective parser cost about 90 ms of every run.
 */
package pum.shell.internal.cli;
