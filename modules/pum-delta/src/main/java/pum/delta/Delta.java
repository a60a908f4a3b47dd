package pum.delta;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The base class of Java deltas, pum's counterpart of PUM's {@code DeltaPy}.
 *
 * <p>A file {@code delta_X.Y.Z_name.java} (or {@code .pre.java}, {@code .post.java},
 * {@code pre-all.java}, {@code post-all.java}) holds one public class extending {@code Delta}
 * with a public no-argument constructor. pum compiles it in-process when an upgrade needs it and
 * calls {@link #run()} inside the version's transaction: what it does through
 * {@link #connection()} or {@link #dsl()} commits or rolls back together with the version's SQL
 * files and its rows in the upgrades table. Do not commit, roll back or close the connection.
 *
 * <pre>{@code
 * import pum.delta.Delta;
 *
 * public class FillCodes extends Delta {
 *     @Override
 *     public void run() throws Exception {
 *         writeMessage("filling codes from " + deltaDir());
 *         dsl().execute("UPDATE app.pipe SET code = upper(code)");
 *     }
 * }
 * }</pre>
 */
public abstract class Delta {
    /** What the upgrader hands a delta; set before {@link #run()}. */
    record Context(Version currentDbVersion, Path deltaDir, String pgService, String upgradesTable,
                   Map<String, Object> variables, Connection connection, Consumer<String> messages) {
    }

    private Context context;
    private Object dsl;

    /** For subclasses. */
    protected Delta() {
    }

    final void bind(Context c) {
        this.context = c;
    }

    /**
     * Does the delta's work. Throw to fail: the version's transaction is rolled back.
     *
     * @throws Exception anything; pum reports it with this file's name and line
     */
    public abstract void run() throws Exception;

    /**
     * The highest version committed in the upgrades table when this delta runs, that is the
     * version before this delta's (PUM: {@code current_db_version}).
     */
    public final Version currentDbVersion() {
        return ctx().currentDbVersion();
    }

    /** The directory holding this delta file (PUM: {@code delta_dir}). */
    public final Path deltaDir() {
        return ctx().deltaDir();
    }

    /** The connection name given with {@code -p} (PUM: {@code pg_service}). */
    public final String pgService() {
        return ctx().pgService();
    }

    /** The upgrades table, schema-qualified (PUM: {@code upgrades_table}). */
    public final String upgradesTable() {
        return ctx().upgradesTable();
    }

    /** Prints a line of progress (PUM: {@code write_message}). */
    public final void writeMessage(String text) {
        ctx().messages().accept(text);
    }

    /** The {@code -v TYPE NAME VALUE} variables: Long, Double or String values by name. */
    public final Map<String, Object> variables() {
        return ctx().variables();
    }

    /** The upgrade's own connection, inside the version's transaction (unless the file is no-transaction). */
    public final Connection connection() {
        return ctx().connection();
    }

    /** A jOOQ context on {@link #connection()}, PostgreSQL dialect. Made on first use. */
    public final org.jooq.DSLContext dsl() {
        if (dsl == null) {
            dsl = org.jooq.impl.DSL.using(ctx().connection(), org.jooq.SQLDialect.POSTGRES);
        }
        return (org.jooq.DSLContext) dsl;
    }

    private Context ctx() {
        if (context == null) {
            throw new IllegalStateException("a Delta runs only inside pum upgrade");
        }
        return context;
    }
}
