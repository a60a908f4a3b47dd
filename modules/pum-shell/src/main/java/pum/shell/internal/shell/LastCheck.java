package pum.shell.internal.shell;

import pum.catalog.Snapshot;
import pum.diff.DiffResult;

/**
 * The last {@code check} of a session, kept for {@code diff} and {@code show}.
 *
 * @param first  what {@code -p1} named
 * @param second what {@code -p2} named
 * @param one    the first database's snapshot
 * @param two    the second database's snapshot
 * @param result the differences, as check reported them
 */
public record LastCheck(String first, String second, Snapshot one, Snapshot two, DiffResult result) {
}
