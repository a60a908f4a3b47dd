package pum.shell.internal.commands;

import java.sql.Connection;
import java.util.List;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;
import pum.delta.AppliedDelta;
import pum.delta.Status;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Confirmation;
import pum.shell.internal.Session;

/**
 * remap's offer to record the baseline in the source database, after its files are written: the
 * version after the last one written, so that none of them runs there (pum upgrade runs deltas of
 * the current version and above that were never applied, as PUM does). Recorded only when
 * confirmed; a table that holds rows already is never touched.
 */
final class RemapBaseline {
    private RemapBaseline() {
    }

    /**
     * Offers, and records when confirmed.
     *
     * @param yes whether {@code --yes} was given: then a table already holding rows is an error (exit 5), since the
     *            caller asked for the recording; without it that is only said
     * @return whether the baseline was recorded
     */
    static boolean offer(Session session, String database, UpgradesTable table, Version baseline, int files, boolean yes) {
        Connection c = session.connection(database);
        String howTo = "pum baseline -p " + Secrets.mask(database) + " -t " + table + " -b " + baseline;
        if (table.exists(c)) {
            List<AppliedDelta> rows = table.rows(c);
            if (!rows.isEmpty()) {
                Version current = Status.currentVersion(rows);
                String why = table + " already holds " + rows.size() + (rows.size() == 1 ? " row" : " rows") + " (current version "
                        + (current == null ? "unknown" : current) + "); the baseline is not recorded, the files are kept";
                if (yes) {
                    throw new PumException(ErrorCode.DATABASE, why, "a baseline is set once; 'pum info' shows the table's state");
                }
                session.err().println("pum: " + why);
                return false;
            }
        }
        Confirmation confirmation = Confirmation.of(session, yes);
        String question = "Record baseline " + baseline + " in " + table + " of " + session.resolve(database).describe()
                + ", so that the " + (files == 1 ? "file" : files + " files") + " remap wrote never run there?";
        if (!confirmation.answerable()) {
            session.err().println("pum: baseline not recorded (nobody to confirm in batch mode); to record it: " + howTo
                    + ", or pass --yes");
            return false;
        }
        if (!confirmation.ask(question)) {
            session.err().println("pum: baseline not recorded; to record it later: " + howTo);
            return false;
        }
        table.baseline(c, baseline);
        session.out().println("baseline " + baseline + " recorded in " + table);
        return true;
    }
}
