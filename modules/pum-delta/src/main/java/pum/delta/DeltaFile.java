package pum.delta;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import pum.core.ErrorCode;

/**
 * One file of a delta directory, parsed from its name.
 *
 * <p>Names: {@code pre-all.EXT} and {@code post-all.EXT} (run on every upgrade, no version), and
 * {@code delta_X.Y.Z_name.pre.EXT}, {@code delta_X.Y.Z_name.EXT}, {@code delta_X.Y.Z_name.post.EXT}
 * with EXT one of {@code sql}, {@code java}, {@code py}. The {@code _name} part is optional (as in
 * PUM) and made of letters, digits and underscores. The grammar itself is {@link DeltaName}'s.
 *
 * @param path     the file
 * @param dirIndex position of its directory in the list of delta directories (0 = first)
 * @param kind     when it runs
 * @param language how it runs
 * @param version  its version, or null for pre-all and post-all
 * @param name     the name part (may be empty), or {@code pre-all}/{@code post-all}
 */
public record DeltaFile(Path path, int dirIndex, Kind kind, Language language, Version version, String name) {
    // written out: the generated equals and hashCode are linked through method handles on first
    // use, tens of milliseconds on the path of every upgrade (a file is a map key there), see
    // docs/architecture.md, "Records compared in bulk"
    @Override
    public boolean equals(Object other) {
        return other instanceof DeltaFile that
                && dirIndex == that.dirIndex
                && kind == that.kind
                && language == that.language
                && java.util.Objects.equals(path, that.path)
                && java.util.Objects.equals(version, that.version)
                && java.util.Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(path);
    }


    /** When a file runs. */
    public enum Kind {
        /** {@code pre-all.*}: first thing of every upgrade that applies deltas. */
        PRE_ALL("pre-all"),
        /** {@code delta_X.Y.Z_name.pre.*}: before the version's main delta. */
        PRE("pre"),
        /** {@code delta_X.Y.Z_name.*}: the main delta of a version. */
        DELTA("delta"),
        /** {@code delta_X.Y.Z_name.post.*}: after the version's main delta. */
        POST("post"),
        /** {@code post-all.*}: last thing of every upgrade that applies deltas. */
        POST_ALL("post-all");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The lowercase word used in output: pre-all, pre, delta, post, post-all. */
        public String label() {
            return label;
        }
    }

    /** How a file runs. Declared in running order within one kind: Java, then Python, then SQL. */
    public enum Language {
        /** A class extending {@link Delta}, compiled in-process. */
        JAVA("java", 16),
        /** A PUM DeltaPy module, run with python3 from PATH in its own connection. */
        PY("py", 4),
        /** SQL statements. */
        SQL("sql", 8);

        private final String extension;
        private final int bit;

        Language(String extension, int bit) {
            this.extension = extension;
            this.bit = bit;
        }

        /** The file extension, without the dot. */
        public String extension() {
            return extension;
        }

        /** Its bit in the upgrades table's {@code type} column (PUM: PYTHON=4, SQL=8; pum adds JAVA=16). */
        public int bit() {
            return bit;
        }
    }

    /** The {@code type} code of a baseline row. */
    public static final int TYPE_BASELINE = 0;
    /** The {@code type} bit of pre files. */
    public static final int TYPE_PRE = 1;
    /** The {@code type} bit of post files. */
    public static final int TYPE_POST = 2;

    /** The expected forms, for error messages. */
    public static final String EXPECTED_FORMS = "delta_X.Y.Z_name.sql, delta_X.Y.Z_name.pre.sql, delta_X.Y.Z_name.post.sql "
            + "(or .py or .java instead of .sql), pre-all.sql or post-all.sql, with X.Y.Z three numbers and name made of letters, digits and _";

    /** Ends every misnamed-file message. */
    static final String EXPECTED_SUFFIX = "; expected ";

    /** Running order of versioned files: version, kind, language, name, directory. */
    public static final Comparator<DeltaFile> ORDER = Comparator.comparing(DeltaFile::version)
            .thenComparing(DeltaFile::kind)
            .thenComparing(DeltaFile::language)
            .thenComparing(DeltaFile::name)
            .thenComparingInt(DeltaFile::dirIndex)
            .thenComparing(DeltaFile::fileName);

    /** The file name without directory. */
    public String fileName() {
        // Path.toString is kept by the path; getFileName would build a new path and string per call
        // (Status.of asks 10,000 times in a no-op upgrade)
        String s = path.toString();
        return s.substring(s.lastIndexOf(path.getFileSystem().getSeparator().charAt(0)) + 1);
    }

    /** Whether it is pre-all or post-all (no version, runs every time). */
    public boolean isAll() {
        return kind == Kind.PRE_ALL || kind == Kind.POST_ALL;
    }

    /** The upgrades table's {@code type} code: PRE=1, POST=2 combined with PYTHON=4, SQL=8 or JAVA=16. */
    public int typeCode() {
        int t = language.bit();
        if (kind == Kind.PRE) {
            t |= TYPE_PRE;
        } else if (kind == Kind.POST) {
            t |= TYPE_POST;
        }
        return t;
    }

    /** A label for a type code, as info prints it: {@code pre sql}, {@code delta java}, {@code baseline}. */
    public static String typeLabel(int type) {
        if (type == TYPE_BASELINE) {
            return "baseline";
        }
        String kind = (type & TYPE_PRE) != 0 ? "pre" : (type & TYPE_POST) != 0 ? "post" : "delta";
        String lang = (type & Language.JAVA.bit()) != 0 ? "java" : (type & Language.PY.bit()) != 0 ? "py"
                : (type & Language.SQL.bit()) != 0 ? "sql" : "type " + type;
        return kind + " " + lang;
    }

    /**
     * Parses a file name found in a delta directory.
     *
     * @return the delta file, or empty for a file that is not a delta (README.md, and the names
     *         PUM 0.x skipped: see {@link DeltaName}); {@link DeltaSet#scan} warns about those
     * @throws DeltaException ({@link ErrorCode#CONFIG}) for a name PUM 0.x would have run but pum
     *         reads differently, naming it and what is wrong
     */
    public static Optional<DeltaFile> parse(Path path, int dirIndex) {
        return parse(path, path.getFileName().toString(), dirIndex);
    }

    static Optional<DeltaFile> parse(Path path, String file, int dirIndex) {
        DeltaName n = DeltaName.parse(file);
        return switch (n.outcome()) {
            case DELTA -> Optional.of(of(path, dirIndex, n));
            case NOT_A_DELTA, ROLLBACK -> Optional.empty();
            case MISNAMED -> throw new DeltaException(ErrorCode.CONFIG, "misnamed delta file " + path + ": " + n.reason()
                    + EXPECTED_SUFFIX + EXPECTED_FORMS,
                    "rename it, or list it under ignore_files in the config file (or --ignore-file) if it is deliberately not a delta", null);
        };
    }

    /**
     * The delta file for a parsed name.
     *
     * @throws IllegalArgumentException when the name is not a delta
     */
    public static DeltaFile of(Path path, int dirIndex, DeltaName n) {
        if (!n.isDelta()) {
            throw new IllegalArgumentException(n.fileName() + " is not a delta: " + n.reason());
        }
        return new DeltaFile(path, dirIndex, n.kind(), n.language(), n.version(), n.name());
    }
}
