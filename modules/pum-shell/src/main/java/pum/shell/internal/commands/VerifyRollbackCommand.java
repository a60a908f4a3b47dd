package pum.shell.internal.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.Snapshot;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.DeltaException;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.Rollback;
import pum.delta.RollbackPlan;
import pum.delta.UpgradeOptions;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.Difference;
import pum.diff.Reprints;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/**
 * {@code pum verify-rollback -d DIR... [--from X.Y.Z] [-p SCRATCH]}: proves on a throwaway
 * database that each version's rollback restores exactly the schema before it.
 */
public final class VerifyRollbackCommand implements Command {
    static final Opt SCRATCH = Opt.value("SCRATCH", "A throwaway database to build in (default: a new database on the embedded"
            + " server, dropped afterwards). It must be empty: pum refuses one that holds tables.", "-p", "--scratch");
    static final Opt FROM = Opt.value("X.Y.Z", "Check the versions from this one on (the earlier ones are only applied).", "--from");
    static final UpgradesTable TABLE = UpgradesTable.parse("pum_verify.upgrades");

    private final Session session;

    /** Made by the composition root. */
    public VerifyRollbackCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "verify-rollback";
    }

    @Override
    public String summary() {
        return "Prove on a scratch database that each rollback restores exactly the schema before its delta.";
    }

    @Override
    public String description() {
        return """
                On a throwaway database (the embedded server by default): builds up to the version before, takes a
                snapshot of the schema, applies one version, rolls it back with its rollback files, takes a
                snapshot again and compares the two with pum's comparison (as pum check); then applies the version
                again and goes on with the next (after an inexact rollback, the scratch database is emptied and
                built up to that version again). A rollback that leaves something behind (an index, a column
                default, a comment...) is reported with the differences. Exit code 0 when every rollback is
                exact, 1 when one is not or a version has no rollback file. See docs/lifecycle.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(DeltaOptions.DIR, DeltaOptions.IGNORE, DeltaOptions.STRICT_NAMES, SCRATCH, FROM, UpgradeCommand.VAR);
    }

    @Override
    public int run(Args args) throws Exception {
        DeltaOptions delta = DeltaOptions.from(args);
        DeltaSet deltas = delta.scan(session);
        Version from = args.get(FROM.key()) == null ? null : Version.parse(args.get(FROM.key()));
        String scratch = args.get(SCRATCH.key());
        String embeddedName = null;
        if (scratch == null) {
            embeddedName = "pum_verify_rollback_" + Long.toHexString(System.nanoTime());
            scratch = Session.EMBEDDED + "/" + embeddedName;
        }
        try {
            return verify(deltas, scratch, from, args);
        } finally {
            if (embeddedName != null) {
                session.forget(scratch);
                session.embeddedServer().dropDatabase(embeddedName);
            }
        }
    }

    /** Empties the scratch database (every schema dropped, public recreated) and sets the baseline again. */
    private void reset(String scratch) throws java.sql.SQLException {
        java.sql.Connection c = session.connection(scratch);
        List<String> schemas = new ArrayList<>();
        try (java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                     + " AND nspname <> 'information_schema'")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        try (java.sql.Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            st.execute("CREATE SCHEMA public");
        }
        Upgrader.baseline(c, TABLE, Version.parse("0.0.0"));
    }

    private int verify(DeltaSet deltas, String scratch, Version from, Args args) throws Exception {
        ConnectionInfo db = session.resolve(scratch);
        String tables;
        try (java.sql.Statement st = session.connection(scratch).createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                     + " AND n.nspname NOT LIKE 'pg_toast%'")) {
            rs.next();
            tables = rs.getString(1);
        }
        if (!"0".equals(tables)) {
            throw new PumException(ErrorCode.USAGE, "the scratch database " + db.describe() + " holds " + tables + " tables: verify-rollback"
                    + " builds every version from nothing and needs an empty database", "omit -p to use a new database on the embedded server");
        }
        Upgrader.baseline(session.connection(scratch), TABLE, Version.parse("0.0.0"));
        UpgradeOptions o = UpgradeOptions.defaults().withVariables(UpgradeCommand.variables(args.all(UpgradeCommand.VAR.key())))
                .withProgress(line -> { });
        CatalogOptions catalog = CatalogOptions.defaults().withoutTable(TABLE.sqlName());
        TreeSet<Version> versions = new TreeSet<>();
        for (DeltaFile f : deltas.versioned()) {
            versions.add(f.version());
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        Catalog.warmUp();
        for (Version v : versions) {
            if (from != null && v.compareTo(from) < 0) {
                Upgrader.upgrade(db, TABLE, deltas, o.withMaxVersion(v));
                continue;
            }
            Snapshot before = Catalog.read(session.connection(scratch), catalog);
            Version previous = Upgrader.status(session.connection(scratch), TABLE, deltas).current();
            Upgrader.upgrade(db, TABLE, deltas, o.withMaxVersion(v));
            try {
                Rollback.run(db, TABLE, deltas, previous, o, (RollbackPlan p) -> true);
            } catch (DeltaException e) {
                failures.add(v + ": cannot be rolled back: " + e.getMessage());
                session.out().println("version " + v + ": NOT CHECKED: " + e.getMessage().replace("\n", "\n  "));
                continue; // it stays applied; the next version builds on it
            }
            Snapshot after = Catalog.read(session.connection(scratch), catalog);
            DiffResult diff = Diff.compare(before, after, DiffOptions.defaults());
            diff = Reprints.settle(diff, before, after, pairs -> Catalog.sameMeaning(session.connection(scratch), pairs));
            checked++;
            if (diff.isEmpty()) {
                session.out().println("version " + v + ": rollback exact");
            } else {
                failures.add(v + ": the rollback left " + diff.differences().size() + " difference(s)");
                session.out().println("version " + v + ": the rollback does not restore the schema before it (" + diff.differences().size()
                        + " difference" + (diff.differences().size() == 1 ? "" : "s") + ", before -> after rollback):");
                for (Difference d : diff.differences()) {
                    session.out().println("  " + d.kind() + " " + d.object() + ": " + d.change()
                            + (d.field() == null ? "" : " " + d.field() + ": " + d.first() + " -> " + d.second()));
                }
            }
            if (diff.isEmpty()) {
                Upgrader.upgrade(db, TABLE, deltas, o.withMaxVersion(v));
            } else {
                // what the rollback left behind would make the delta fail: build up to v again from nothing
                reset(scratch);
                Upgrader.upgrade(db, TABLE, deltas, o.withMaxVersion(v));
            }
        }
        if (failures.isEmpty()) {
            session.out().println("every rollback is exact (" + checked + " version" + (checked == 1 ? "" : "s") + " checked)");
            return 0;
        }
        session.out().println(failures.size() + " version" + (failures.size() == 1 ? "" : "s") + " not rolled back exactly:");
        failures.forEach(f -> session.out().println("  " + f.lines().findFirst().orElse(f)));
        return ErrorCode.DIFFERENCES.exitCode();
    }
}
