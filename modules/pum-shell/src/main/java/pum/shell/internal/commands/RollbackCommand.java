package pum.shell.internal.commands;

import java.util.List;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.Cancellation;
import pum.delta.DeltaSet;
import pum.delta.Rollback;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Confirmation;
import pum.shell.internal.Session;
import pum.shell.internal.Signals;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/** {@code pum rollback [--to X.Y.Z] [--dry-run] [--yes]}: reverts the last batch or every version above X.Y.Z. */
public final class RollbackCommand implements Command {
    static final Opt TO = Opt.value("X.Y.Z", "Revert everything applied after this version (default: the last batch,"
            + " the rows of the last pum upgrade run).", "--to");
    static final Opt DRY_RUN = Opt.flag("Print what would be reverted and change nothing.", "--dry-run");
    static final Opt YES = Opt.flag("Do not ask. Required in batch mode.", "-y", "--yes");

    private final Session session;

    /** Made by the composition root. */
    public RollbackCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String summary() {
        return "Revert the last batch (or every version after --to) with the deltas' rollback files.";
    }

    @Override
    public String description() {
        return """
                Reverts the last batch (the deltas applied by the last pum upgrade run), or with --to X.Y.Z every
                delta applied after X.Y.Z, by running their rollback files (delta_X.Y.Z_name.rollback.sql or
                .rollback.java), newest version first. Each version is one transaction with the change to its
                rows in the upgrades table (success = false, pum_state = 'rolled back'), so an interrupted or
                killed rollback leaves every version fully applied or fully rolled back. Refuses up front when
                a version in range has no rollback file or was applied without a transaction (no-transaction or
                Python deltas). pre-all and post-all do not run. Lists the plan and asks before it changes
                anything (--yes in scripts, or one answer line on standard input). See docs/lifecycle.md.""";
    }

    @Override
    public List<Opt> options() {
        return DeltaOptions.with(TO, DRY_RUN, YES, UpgradeCommand.VAR, UpgradeCommand.LOCK_WAIT, UpgradeCommand.LOCK_TIMEOUT,
                UpgradeCommand.STATEMENT_TIMEOUT);
    }

    @Override
    public int run(Args args) throws Exception {
        DeltaOptions delta = DeltaOptions.from(args);
        String toText = args.get(TO.key());
        Version to;
        try {
            to = toText == null ? null : Version.parse(toText);
        } catch (RuntimeException e) {
            throw new PumException(ErrorCode.USAGE, "invalid --to \"" + toText + "\": expected a version X.Y.Z", null, e);
        }
        boolean dryRun = args.has(DRY_RUN.key());
        Confirmation confirmation = Confirmation.of(session, args.has(YES.key()));
        if (!dryRun) {
            confirmation.requireAnswerable("before it rolls back");
        }
        UpgradesTable table = delta.table(session);
        DeltaSet deltas = delta.scan(session);
        Cancellation cancellation = new Cancellation();
        UpgradeOptions o = UpgradeOptions.defaults()
                .withVariables(UpgradeCommand.variables(args.all(UpgradeCommand.VAR.key())))
                .withDryRun(dryRun)
                .withCancellation(cancellation)
                .withLockWait(UpgradeCommand.duration(args.get(UpgradeCommand.LOCK_WAIT.key(), "5min"), "--lock-wait"))
                .withTimeouts(args.get(UpgradeCommand.LOCK_TIMEOUT.key(), session.config().lockTimeout()),
                        args.get(UpgradeCommand.STATEMENT_TIMEOUT.key(), session.config().statementTimeout()))
                .withPgService(delta.database)
                .withProgress(line -> session.out().println("pum: " + pum.core.Secrets.mask(line)));
        Rollback.Result r;
        try (AutoCloseable signals = Signals.cancelling(cancellation)) {
            r = Rollback.run(session.resolve(delta.database), table, deltas, to, o, plan -> {
                plan.describe().forEach(session.out()::println);
                session.out().flush();
                return confirmation.ask("roll back " + plan.steps().size() + " version" + (plan.steps().size() == 1 ? "" : "s")
                        + " of " + table + " to " + plan.target() + "?");
            });
        }
        if (r.plan().isEmpty()) {
            session.out().println("nothing to roll back: " + (to == null ? "no applied delta" : "nothing applied after " + to)
                    + "; the database is at version " + r.plan().current());
            return 0;
        }
        if (r.dryRun()) {
            r.plan().describe().forEach(session.out()::println);
            session.out().println("dry run: nothing was changed");
            return 0;
        }
        session.out().println("rolled back from " + r.plan().current() + " to " + r.plan().target() + ": " + r.reverted().size()
                + " version" + (r.reverted().size() == 1 ? "" : "s") + " reverted");
        return 0;
    }
}
