package pum.delta;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pum.core.ErrorCode;

/**
 * One file of a delta directory, parsed from its name.
 *
 * <p>Names: {@code pre-all.EXT} and {@code post-all.EXT} (run on every upgrade, no version), and
 * {@code delta_X.Y.Z_name.pre.EXT}, {@code delta_X.Y.Z_name.EXT}, {@code delta_X.Y.Z_name.post.EXT}
 * with EXT one of {@code sql}, {@code java}, {@code py}. The {@code _name} part is optional (as in
 * PUM) and made of letters, digits and underscores.
 *
 * @param path     the file
 * @param dirIndex position of its directory in the list of delta directories (0 = first)
 * @param kind     when it runs
 * @param language how it runs
 * @param version  its version, or null for pre-all and post-all
 * @param name     the name part (may be empty), or {@code pre-all}/{@code post-all}
 */
public record DeltaFile(Path path, int dirIndex, Kind kind, Language language, Version version, String name) {

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
            + "(or .java instead of .sql), pre-all.sql or post-all.sql, with X.Y.Z three numbers and name made of letters, digits and _";

    /** Ends every misnamed-file message. */
    static final String EXPECTED_SUFFIX = "; expected ";

    private static final Pattern DELTA = Pattern.compile("delta_(\\d+\\.\\d+\\.\\d+)(?:_+(\\w*))?(\\.pre|\\.post)?\\.(sql|java|py)");
    private static final Pattern ALL = Pattern.compile("(pre-all|post-all)\\.(sql|java|py)");

    /** Running order of versioned files: version, kind, language, name, directory. */
    public static final Comparator<DeltaFile> ORDER = Comparator.comparing(DeltaFile::version)
            .thenComparing(DeltaFile::kind)
            .thenComparing(DeltaFile::language)
            .thenComparing(DeltaFile::name)
            .thenComparingInt(DeltaFile::dirIndex)
            .thenComparing(f -> f.path().getFileName().toString());

    /** The file name without directory. */
    public String fileName() {
        return path.getFileName().toString();
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
     * @return the delta file, or empty for a file that is plainly not a delta (README.md, a
     *         directory's notes) and so is skipped
     * @throws DeltaException ({@link ErrorCode#CONFIG}) for a file that looks like a delta but is
     *         misnamed, naming it and the expected form
     */
    public static Optional<DeltaFile> parse(Path path, int dirIndex) {
        return parse(path, path.getFileName().toString(), dirIndex);
    }

    static Optional<DeltaFile> parse(Path path, String file, int dirIndex) {
        DeltaFile fast = fastParse(path, dirIndex, file);
        if (fast != null) {
            return Optional.of(fast);
        }
        Matcher m = DELTA.matcher(file);
        if (m.matches()) {
            Kind kind = m.group(3) == null ? Kind.DELTA : m.group(3).equals(".pre") ? Kind.PRE : Kind.POST;
            String name = m.group(2) == null ? "" : m.group(2);
            return Optional.of(new DeltaFile(path, dirIndex, kind, language(m.group(4)), Version.parse(m.group(1)), name));
        }
        Matcher a = ALL.matcher(file);
        if (a.matches()) {
            Kind kind = a.group(1).equals("pre-all") ? Kind.PRE_ALL : Kind.POST_ALL;
            return Optional.of(new DeltaFile(path, dirIndex, kind, language(a.group(2)), null, a.group(1)));
        }
        if (!looksLikeDelta(file)) {
            return Optional.empty();
        }
        throw new DeltaException(ErrorCode.CONFIG, "misnamed delta file " + path + ": " + reason(file) + EXPECTED_SUFFIX + EXPECTED_FORMS,
                "rename it, or list it under ignore_files in the config file (or --ignore) if it is deliberately not a delta", null);
    }

    /** The common case without regex (a no-op upgrade parses every file name of every directory). */
    private static DeltaFile fastParse(Path path, int dirIndex, String file) {
        if (!file.startsWith("delta_")) {
            return null;
        }
        int dot = file.indexOf('.', 6);
        int dot2 = dot < 0 ? -1 : file.indexOf('.', dot + 1);
        int us = dot2 < 0 ? -1 : file.indexOf('_', dot2 + 1);
        int end = us < 0 ? (dot2 < 0 ? -1 : file.indexOf('.', dot2 + 1)) : us;
        if (end < 0) {
            return null;
        }
        String version = file.substring(6, end);
        if (!Version.isValid(version)) {
            return null;
        }
        int ext = file.indexOf('.', end);
        if (ext < 0) {
            return null;
        }
        String name = us < 0 ? "" : file.substring(us + 1, ext);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return null;
            }
        }
        if (name.startsWith("_")) {
            return null;
        }
        String rest = file.substring(ext);
        Kind kind;
        Language lang;
        switch (rest) {
            case ".sql" -> { kind = Kind.DELTA; lang = Language.SQL; }
            case ".pre.sql" -> { kind = Kind.PRE; lang = Language.SQL; }
            case ".post.sql" -> { kind = Kind.POST; lang = Language.SQL; }
            case ".java" -> { kind = Kind.DELTA; lang = Language.JAVA; }
            case ".pre.java" -> { kind = Kind.PRE; lang = Language.JAVA; }
            case ".post.java" -> { kind = Kind.POST; lang = Language.JAVA; }
            case ".py" -> { kind = Kind.DELTA; lang = Language.PY; }
            case ".pre.py" -> { kind = Kind.PRE; lang = Language.PY; }
            case ".post.py" -> { kind = Kind.POST; lang = Language.PY; }
            default -> {
                return null;
            }
        }
        return new DeltaFile(path, dirIndex, kind, lang, Version.parse(version), name);
    }

    private static Language language(String ext) {
        return switch (ext) {
            case "java" -> Language.JAVA;
            case "py" -> Language.PY;
            default -> Language.SQL;
        };
    }

    /** Files we must not skip silently: PUM skipped them, so a typo meant a delta that never ran. */
    static boolean looksLikeDelta(String file) {
        if (file.startsWith(".")) {
            return false;
        }
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.startsWith("delta") || lower.startsWith("pre-all") || lower.startsWith("post-all")
                || lower.startsWith("pre_all") || lower.startsWith("post_all")) {
            return true;
        }
        return lower.endsWith(".sql") || lower.endsWith(".java") || lower.endsWith(".py")
                || lower.endsWith(".pre") || lower.endsWith(".post");
    }

    private static String reason(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (!file.startsWith("delta") && lower.startsWith("delta")) {
            return "the name must start with \"delta_\" in lowercase";
        }
        if (lower.endsWith(".pre") || lower.endsWith(".post")) {
            return "the extension must come last (.pre.sql or .post.sql, not .sql.pre)";
        }
        if (file.startsWith("delta_")) {
            String rest = file.substring("delta_".length());
            int us = rest.indexOf('_');
            String candidate = us < 0 ? rest : rest.substring(0, us);
            // drop the extensions from a name without _name part
            for (String ext : new String[] {".pre.sql", ".post.sql", ".sql", ".pre.java", ".post.java", ".java", ".pre.py", ".post.py", ".py"}) {
                if (us < 0 && candidate.endsWith(ext)) {
                    candidate = candidate.substring(0, candidate.length() - ext.length());
                    break;
                }
            }
            if (!Version.isValid(candidate)) {
                return "version \"" + candidate + "\" is not X.Y.Z (three numbers separated by dots)";
            }
            return "the part after the version must be _name (letters, digits, _) followed by .sql, .pre.sql, .post.sql, .java, .pre.java or .post.java";
        }
        if (lower.startsWith("pre") || lower.startsWith("post")) {
            return "pre-all and post-all files are named exactly pre-all.sql, pre-all.java, post-all.sql or post-all.java";
        }
        return "a .sql, .java or .py file in a delta directory must be a delta";
    }
}
