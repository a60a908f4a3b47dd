package pum.delta.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pum.delta.Delta;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.Plan;

/**
 * Prepares every file of a plan before anything runs: reading and decoding, directives, splitting
 * into statements, the transaction-control rules, variables, Java compilation. A problem in any
 * file stops the upgrade with nothing applied; all Java compile errors are reported at once.
 */
public final class FilePreparer {
    private FilePreparer() {
    }

    /** The directives of a file (Python files have none). */
    public static Directives directives(DeltaFile f, DeltaSet deltas) {
        if (f.language() == DeltaFile.Language.PY) {
            return Directives.NONE;
        }
        try {
            return Directives.parse(deltas.text(f), f.language() == DeltaFile.Language.JAVA);
        } catch (Directives.DirectiveError e) {
            throw new DeltaException(Reason.BAD_DIRECTIVE, f.path() + ":" + e.line() + ": " + e.getMessage() + "; nothing was applied",
                    "directives are comment lines at the top of the file, for example \"-- pum: no-transaction\"; see docs/deltas.md", null);
        }
    }

    /** Prepares the files of every step, in plan order. */
    public static Map<DeltaFile, PreparedFile> prepare(Plan plan, DeltaSet deltas, Map<String, Object> variables) {
        Map<DeltaFile, PreparedFile> out = new LinkedHashMap<>();
        List<String> compileErrors = new ArrayList<>();
        for (Plan.Step s : plan.steps()) {
            for (DeltaFile f : s.files()) {
                if (out.containsKey(f)) {
                    continue;
                }
                Directives d = directives(f, deltas);
                String checksum = deltas.checksum(f);
                switch (f.language()) {
                    case PY -> out.put(f, new PreparedFile(f, d, checksum, List.of(), List.of(), null));
                    case JAVA -> {
                        try {
                            out.put(f, new PreparedFile(f, d, checksum, List.of(), List.of(), JavaDeltaCompiler.compile(f.path(), deltas.text(f), Delta.class)));
                        } catch (JavaDeltaCompiler.CompileError e) {
                            compileErrors.add(e.getMessage());
                        }
                    }
                    case SQL -> out.put(f, sql(f, d, checksum, deltas.text(f), s.transactional(), variables));
                }
            }
        }
        if (!compileErrors.isEmpty()) {
            throw new DeltaException(Reason.JAVA_COMPILE, "Java delta" + (compileErrors.size() == 1 ? " does" : "s do")
                    + " not compile; nothing was applied:\n" + String.join("\n", compileErrors), "see docs/java-deltas.md for the Delta API", null);
        }
        return out;
    }

    private static PreparedFile sql(DeltaFile f, Directives d, String checksum, String text, boolean transactional, Map<String, Object> variables) {
        List<SqlStatement> stmts = transactionControl(f, SqlSplitter.split(text), transactional);
        List<String> sent = new ArrayList<>(stmts.size());
        for (SqlStatement st : stmts) {
            try {
                sent.add(Placeholders.apply(st.sql(), variables));
            } catch (Placeholders.PlaceholderError e) {
                int[] lc = Failures.lineColumn(st, e.offset());
                throw new DeltaException(Reason.MISSING_VARIABLE, f.path() + ":" + lc[0] + ":" + lc[1] + ": " + e.getMessage() + "; nothing was applied",
                        "pass the variable with -v TYPE NAME VALUE (TYPE int, float or string)", null);
            }
        }
        return new PreparedFile(f, d, checksum, stmts, sent, null);
    }

    /**
     * A file wrapped in its own BEGIN ... COMMIT (the usual psql habit) runs as is: the wrapper is
     * dropped and pum's transaction does its job; a wrapper with transaction modes
     * ({@code BEGIN ISOLATION LEVEL SERIALIZABLE}) becomes {@code SET TRANSACTION} with those
     * modes, which the server accepts only as the transaction's first statement (and says so
     * otherwise) — never silently dropped. Any other transaction control would end pum's
     * transaction halfway and is refused before anything runs.
     */
    static List<SqlStatement> transactionControl(DeltaFile f, List<SqlStatement> stmts, boolean transactional) {
        if (!transactional || stmts.isEmpty()) {
            return stmts;
        }
        List<SqlStatement> out = new ArrayList<>(stmts);
        if (out.size() >= 2 && TransactionControl.of(out.get(0).sql()) == TransactionControl.Kind.BEGIN
                && TransactionControl.of(out.get(out.size() - 1).sql()) == TransactionControl.Kind.COMMIT) {
            SqlStatement begin = out.remove(0);
            out.remove(out.size() - 1);
            String modes = TransactionControl.modes(begin.sql());
            if (!modes.isEmpty()) {
                out.add(0, new SqlStatement("SET TRANSACTION " + modes, begin.offset(), begin.line(), begin.column()));
            }
        }
        for (SqlStatement st : out) {
            if (TransactionControl.of(st.sql()) != TransactionControl.Kind.OTHER) {
                throw new DeltaException(Reason.TRANSACTION_CONTROL, f.path() + ":" + st.line() + ":" + st.column() + ": "
                        + String.join(" ", TransactionControl.words(st.sql(), 2)).toUpperCase(java.util.Locale.ROOT)
                        + " would end the transaction pum runs the version in; nothing was applied",
                        "remove it (each version runs in one transaction), or put \"-- pum: no-transaction\" on the first line", null);
            }
        }
        return out;
    }
}
