package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pum.delta.Checksum;
import pum.delta.Delta;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.Plan;

/**
 * Prepares every file of a plan before anything runs: reading and strict decoding (UTF-8 unless a
 * directive says otherwise; only regular files), directives, splitting into statements as psql
 * does, the transaction-control rules, variables, Java compilation. A problem in any file stops
 * the upgrade with nothing applied; all Java compile errors are reported at once. Files larger
 * than {@link #IN_MEMORY} are read through once here, keeping nothing, and streamed again when
 * they run.
 */
public final class FilePreparer {
    /** Up to this size (bytes) a file's statements are kept in memory. */
    public static final long IN_MEMORY = 4L << 20;

    private FilePreparer() {
    }

    /** The directives of a file (Python files have none), read from its leading lines. */
    public static Directives directives(DeltaFile f, DeltaSet deltas) {
        if (f.language() == DeltaFile.Language.PY) {
            try {
                DeltaText.requireRegularFile(f.path());
            } catch (SourceError e) {
                throw refused(f, e);
            }
            return Directives.NONE;
        }
        try {
            return Directives.read(f.path(), f.language() == DeltaFile.Language.JAVA);
        } catch (SourceError e) {
            throw refused(f, e);
        } catch (IOException e) {
            throw unreadable(f, e);
        }
    }

    private static DeltaException unreadable(DeltaFile f, IOException e) {
        return new DeltaException(Reason.UNREADABLE_FILE, f.path() + ": cannot be read: " + e.getMessage() + "; nothing was applied", null, e);
    }

    /** A file refused before anything ran, as the user reads it: path:line:column: what, hint. */
    public static DeltaException refused(DeltaFile f, SourceError e) {
        Reason r = switch (e.kind()) {
            case META_COMMAND -> Reason.META_COMMAND;
            case BAD_DIRECTIVE -> Reason.BAD_DIRECTIVE;
            case UNTERMINATED_COPY, COPY_SAME_LINE -> Reason.BAD_SQL_FILE;
            default -> Reason.UNREADABLE_FILE;
        };
        String where = e.line() > 0 ? ":" + e.located() : ": " + e.getMessage();
        return new DeltaException(r, f.path() + where + "; nothing was applied", e.hint(), e);
    }

    /**
     * What an upgrade reads of its pending files, read once: each file of at most
     * {@link #IN_MEMORY} bytes is read a single time, and the planner's directives, the statements
     * that run and the checksum recorded in the upgrades table all come from those bytes. A file
     * saved again while pum runs can then never leave a row whose checksum describes other
     * statements than the ones that ran. Larger files are read as streams, as before.
     */
    public static final class Contents {
        private final DeltaSet deltas;
        private final Map<DeltaFile, byte[]> bytes = new java.util.HashMap<>();
        private final Map<DeltaFile, Directives> directives = new java.util.HashMap<>();

        /** For the files of one delta set. */
        public Contents(DeltaSet deltas) {
            this.deltas = deltas;
        }

        /** The directives of a file, from its bytes when it is read whole. */
        public Directives directives(DeltaFile f) {
            return directives.computeIfAbsent(f, this::read);
        }

        private Directives read(DeltaFile f) {
            if (f.language() == DeltaFile.Language.PY) {
                return FilePreparer.directives(f, deltas);
            }
            try {
                byte[] b = bytes(f);
                return b == null ? FilePreparer.directives(f, deltas) : Directives.of(b, f.language() == DeltaFile.Language.JAVA);
            } catch (SourceError e) {
                throw refused(f, e);
            } catch (IOException e) {
                throw unreadable(f, e);
            }
        }

        /** The whole content of a SQL or Java file of at most {@link #IN_MEMORY} bytes, or null. */
        byte[] bytes(DeltaFile f) throws IOException {
            if (f.language() == DeltaFile.Language.PY) {
                return null;
            }
            if (!bytes.containsKey(f)) {
                bytes.put(f, DeltaText.readSmall(f.path(), IN_MEMORY));
            }
            return bytes.get(f);
        }
    }

    /** Prepares the files of every step, in plan order. */
    public static Map<DeltaFile, PreparedFile> prepare(Plan plan, DeltaSet deltas, Map<String, Object> variables) {
        return prepare(plan, deltas, variables, new Contents(deltas));
    }

    /**
     * As {@link #prepare(Plan, DeltaSet, Map)}, with the contents the planner read already, so
     * that each pending file is read once per upgrade and its recorded checksum is that of the
     * bytes that run.
     */
    public static Map<DeltaFile, PreparedFile> prepare(Plan plan, DeltaSet deltas, Map<String, Object> variables, Contents contents) {
        Map<DeltaFile, PreparedFile> out = new LinkedHashMap<>();
        List<String> compileErrors = new ArrayList<>();
        for (Plan.Step s : plan.steps()) {
            for (DeltaFile f : s.files()) {
                if (out.containsKey(f)) {
                    continue;
                }
                Directives d = contents.directives(f);
                try {
                    byte[] b = contents.bytes(f);
                    // the checksum recorded is that of the very bytes that run
                    String checksum = b != null ? Checksum.of(b) : deltas.checksum(f);
                    switch (f.language()) {
                        case PY -> out.put(f, new PreparedFile(f, d, checksum, List.of(), List.of(), 0, null, null));
                        case JAVA -> {
                            String text = b != null ? DeltaText.decode(b, d.encoding()) : DeltaText.read(f.path(), d.encoding());
                            try {
                                out.put(f, new PreparedFile(f, d, checksum, List.of(), List.of(), 0, null,
                                        JavaDeltaCompiler.compile(f.path(), text, Delta.class)));
                            } catch (JavaDeltaCompiler.CompileError e) {
                                compileErrors.add(e.getMessage());
                            }
                        }
                        case SQL -> out.put(f, b != null
                                ? inMemory(f, d, checksum, s.transactional(), variables, DeltaText.decode(b, d.encoding()))
                                : streamed(f, d, checksum, s.transactional(), variables));
                    }
                } catch (SourceError e) {
                    throw refused(f, e);
                } catch (IOException e) {
                    throw unreadable(f, e);
                }
            }
        }
        if (!compileErrors.isEmpty()) {
            throw new DeltaException(Reason.JAVA_COMPILE, "Java delta" + (compileErrors.size() == 1 ? " does" : "s do")
                    + " not compile; nothing was applied:\n" + String.join("\n", compileErrors), "see docs/java-deltas.md for the Delta API", null);
        }
        return out;
    }

    private static PreparedFile inMemory(DeltaFile f, Directives d, String checksum, boolean transactional, Map<String, Object> variables,
                                         String text) throws SourceError {
        List<SqlStatement> stmts = SqlSplitter.split(text);
        if (transactional && stmts.size() >= 2 && StatementKind.of(stmts.get(0)) == StatementKind.BEGIN
                && StatementKind.of(stmts.get(stmts.size() - 1)) == StatementKind.COMMIT) {
            stmts = new ArrayList<>(stmts);
            SqlStatement begin = stmts.remove(0);
            stmts.remove(stmts.size() - 1);
            String set = setTransaction(begin.sql());
            if (!set.isEmpty()) {
                stmts.add(0, new SqlStatement(set, begin.offset(), begin.line(), begin.column()));
            }
        }
        List<String> sent = new ArrayList<>(stmts.size());
        for (SqlStatement st : stmts) {
            if (transactional) {
                refuseTransactionControl(f, st);
            }
            sent.add(substitute(f, st, variables));
        }
        return new PreparedFile(f, d, checksum, stmts, sent, stmts.size(), null, null);
    }

    private static PreparedFile streamed(DeltaFile f, Directives d, String checksum, boolean transactional, Map<String, Object> variables)
            throws IOException {
        // one pass, keeping nothing: decoding, meta-commands, COPY data, variables, transaction control
        int n = 0;
        SqlStatement first = null;
        SqlStatement pendingControl = null;
        SqlStatement last = null;
        try (Reader r = DeltaText.open(f.path(), d.encoding())) {
            SqlSplitter sp = new SqlSplitter(r);
            for (SqlStatement st = sp.next(); st != null; st = sp.next()) {
                if (n == 0) {
                    first = st;
                } else if (transactional && pendingControl != null) {
                    refuseTransactionControl(f, pendingControl);
                }
                // a COMMIT is refused only once it is known not to be the wrapper's last statement
                pendingControl = n > 0 && StatementKind.of(st).isTransactionControl() ? st : null;
                substitute(f, st, variables);
                last = st;
                n++;
            }
        }
        String wrapper = null;
        if (transactional && n >= 2 && StatementKind.of(first) == StatementKind.BEGIN && StatementKind.of(last) == StatementKind.COMMIT) {
            wrapper = setTransaction(first.sql());
            n -= wrapper.isEmpty() ? 2 : 1;
        } else if (transactional) {
            if (first != null) {
                refuseTransactionControl(f, first);
            }
            if (pendingControl != null) {
                refuseTransactionControl(f, pendingControl);
            }
        }
        return new PreparedFile(f, d, checksum, null, null, n, wrapper, null);
    }

    /** Streams a large file's statements again, applying what {@link #streamed} decided. */
    public static PreparedFile.Source stream(PreparedFile p, int from, Map<String, Object> variables) throws IOException {
        Reader r = DeltaText.open(p.file().path(), p.directives().encoding());
        SqlSplitter sp = new SqlSplitter(r);
        boolean wrapped = p.wrapper() != null;
        boolean keepBegin = wrapped && !p.wrapper().isEmpty();
        return new PreparedFile.Source() {
            private int raw = -1;
            private int index = -1;

            @Override
            public PreparedFile.Next next() throws IOException {
                while (true) {
                    SqlStatement st = sp.next();
                    if (st == null) {
                        return null;
                    }
                    raw++;
                    if (wrapped && raw == 0) {
                        if (!keepBegin) {
                            continue;
                        }
                        st = new SqlStatement(p.wrapper(), st.offset(), st.line(), st.column());
                    }
                    index++;
                    if (index >= p.count()) {
                        return null; // the wrapper's COMMIT
                    }
                    if (index < from) {
                        continue;
                    }
                    return new PreparedFile.Next(index, st, Placeholders.apply(st.sql(), variables), st.copyFromStdin() ? sp.copyData() : null);
                }
            }

            @Override
            public void close() throws IOException {
                r.close();
            }
        };
    }

    private static String substitute(DeltaFile f, SqlStatement st, Map<String, Object> variables) {
        try {
            return Placeholders.apply(st.sql(), variables);
        } catch (Placeholders.PlaceholderError e) {
            int[] lc = st.lineColumnOf(e.offset());
            throw new DeltaException(Reason.MISSING_VARIABLE, f.path() + ":" + lc[0] + ":" + lc[1] + ": " + e.getMessage() + "; nothing was applied",
                    "pass the variable with -v TYPE NAME VALUE (TYPE int, float or string)", null);
        }
    }

    /**
     * A file wrapped in its own BEGIN ... COMMIT (the usual psql habit) runs as is: the wrapper is
     * dropped and pum's transaction does its job; a wrapper with transaction modes
     * ({@code BEGIN ISOLATION LEVEL SERIALIZABLE}) becomes {@code SET TRANSACTION} with those
     * modes, which the server accepts only as the transaction's first statement (and says so
     * otherwise): never silently dropped. Any other transaction control would end pum's
     * transaction halfway and is refused before anything runs.
     */
    private static void refuseTransactionControl(DeltaFile f, SqlStatement st) {
        if (StatementKind.of(st).isTransactionControl()) {
            String words = (st.keyword(0) + " " + st.keyword(1)).strip().toUpperCase(Locale.ROOT);
            throw new DeltaException(Reason.TRANSACTION_CONTROL, f.path() + ":" + st.line() + ":" + st.column() + ": " + words
                    + " would end the transaction pum runs the version in; nothing was applied",
                    "remove it (each version runs in one transaction), or put \"-- pum: no-transaction\" on the first line", null);
        }
    }

    /** {@code SET TRANSACTION modes} for a BEGIN with modes, or "" for a plain BEGIN. */
    static String setTransaction(String begin) {
        String s = begin.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        int i = lower.startsWith("start") ? lower.indexOf("transaction") + "transaction".length() : "begin".length();
        String rest = s.substring(Math.min(i, s.length())).strip();
        String r = rest.toLowerCase(Locale.ROOT);
        for (String noise : new String[] {"transaction", "work"}) {
            if (r.startsWith(noise) && (r.length() == noise.length() || !Character.isLetterOrDigit(r.charAt(noise.length())))) {
                rest = rest.substring(noise.length()).strip();
                break;
            }
        }
        return rest.isEmpty() ? "" : "SET TRANSACTION " + rest;
    }
}
