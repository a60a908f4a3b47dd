package pum.delta;

import java.util.Locale;

/**
 * What a file name in a delta directory is: a delta, not a delta (with the reason), or a name
 * PUM 0.x would have run but pum cannot read the same way (misnamed, with a message). The one
 * grammar of delta file names; parsing never throws.
 *
 * <p>The grammar is PUM 0.10's, {@code ^(delta_)(\d+\.\d+\.\d+)(_*)(\w*)\.(pre\.sql|sql|post\.sql|pre\.py|py|post\.py)$}
 * with Python's Unicode {@code \d} and {@code \w}, plus {@code pre-all}/{@code post-all} with
 * {@code .sql} or {@code .py}; pum adds the {@code .java}, {@code .pre.java} and {@code .post.java}
 * forms and {@code pre-all.java}/{@code post-all.java}. The name part is what follows the version
 * without its leading underscores, and may be empty ({@code delta_1.2.3.sql}).
 *
 * @param fileName the file name (no directory)
 * @param outcome  which of the three it is
 * @param kind     for a delta: when it runs; otherwise null
 * @param language for a delta: how it runs; otherwise null
 * @param version  for a versioned delta: its version; otherwise null
 * @param name     for a delta: the name part, or {@code pre-all}/{@code post-all}; otherwise null
 * @param reason   for a non-delta or a misnamed file: why, in words that describe the actual name; otherwise null
 * @param resemblesDelta for a non-delta: whether it looks like one (it ends in .sql or .py, starts
 *                 with delta, ...), so that skipping it deserves a warning; README.md does not
 */
public record DeltaName(String fileName, Outcome outcome, DeltaFile.Kind kind, DeltaFile.Language language, Version version,
                        String name, String reason, boolean resemblesDelta) {

    /** The three things a file name can be. */
    public enum Outcome {
        /** A delta file: pum runs it, and so did PUM (unless it is a {@code .java} file). */
        DELTA,
        /** Not a delta: PUM skipped it silently; pum skips it too (and warns if it resembles one), or refuses it under strict_names. */
        NOT_A_DELTA,
        /** PUM would have run it, but pum reads it differently: always an error. */
        MISNAMED,
        /**
         * A rollback companion, {@code delta_X.Y.Z_name.rollback.sql} or {@code .rollback.java}:
         * never run by {@code upgrade} (PUM 0.x skipped these names too), only by {@code pum rollback}.
         * {@link #kind()} is {@link DeltaFile.Kind#DELTA}; version, name and language are the
         * delta's it reverts.
         */
        ROLLBACK
    }

    /** Whether it is a rollback companion. */
    public boolean isRollback() {
        return outcome == Outcome.ROLLBACK;
    }

    /** PUM's extensions after the first dot of the part following the version. */
    private static final String PUM_EXTENSIONS = ".sql, .pre.sql, .post.sql, .py, .pre.py or .post.py";

    /** Whether it is a delta. */
    public boolean isDelta() {
        return outcome == Outcome.DELTA;
    }

    /**
     * Parses a file name. The common case (an ASCII delta name) is read without regular
     * expressions or allocation beyond the result: a no-op upgrade parses every name of every
     * delta directory.
     */
    public static DeltaName parse(String file) {
        if (file.startsWith("delta_")) {
            return versioned(file);
        }
        DeltaName all = all(file);
        if (all != null) {
            return all;
        }
        return notDelta(file, otherReason(file), resembles(file));
    }

    private static DeltaName all(String file) {
        int dot = file.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String base = file.substring(0, dot);
        DeltaFile.Kind kind = base.equals("pre-all") ? DeltaFile.Kind.PRE_ALL : base.equals("post-all") ? DeltaFile.Kind.POST_ALL : null;
        if (kind == null) {
            return null;
        }
        DeltaFile.Language lang = switch (file.substring(dot + 1)) {
            case "sql" -> DeltaFile.Language.SQL;
            case "py" -> DeltaFile.Language.PY;
            case "java" -> DeltaFile.Language.JAVA;
            default -> null;
        };
        if (lang == null) {
            return null;
        }
        return new DeltaName(file, Outcome.DELTA, kind, lang, null, base, null, false);
    }

    private static DeltaName versioned(String file) {
        int n = file.length();
        int i = 6;
        int[] starts = new int[3];
        int[] ends = new int[3];
        boolean ascii = true;
        for (int part = 0; part < 3; part++) {
            starts[part] = i;
            while (i < n) {
                int cp = file.codePointAt(i);
                if (!Character.isDigit(cp)) {
                    break;
                }
                ascii &= cp < 0x80;
                i += Character.charCount(cp);
            }
            ends[part] = i;
            if (ends[part] == starts[part] || (part < 2 && (i >= n || file.charAt(i) != '.'))) {
                return notDelta(file, badVersion(file), true);
            }
            if (part < 2) {
                i++;
            }
        }
        int afterVersion = i;
        // (_*)(\w*): a run of word characters up to the first dot
        while (i < n && file.charAt(i) != '.') {
            int cp = file.codePointAt(i);
            if (!isWord(cp)) {
                return notDelta(file, "the part after the version, \"" + file.substring(afterVersion, dotOrEnd(file, i)) + "\", holds \""
                        + new String(Character.toChars(cp)) + "\": PUM 0.x ran only names made of letters, digits and _"
                        + " (it skipped this file, and so does pum)", true);
            }
            i += Character.charCount(cp);
        }
        if (i >= n) {
            return notDelta(file, "the name has no extension: PUM 0.x ran only names ending in " + PUM_EXTENSIONS
                    + " (pum also .java), so it skipped this file", true);
        }
        String ext = file.substring(i + 1);
        DeltaFile.Kind kind;
        DeltaFile.Language lang;
        boolean rollback = ext.equals("rollback.sql") || ext.equals("rollback.java");
        if (rollback) {
            ext = ext.substring("rollback.".length());
        }
        switch (ext) {
            case "sql" -> { kind = DeltaFile.Kind.DELTA; lang = DeltaFile.Language.SQL; }
            case "pre.sql" -> { kind = DeltaFile.Kind.PRE; lang = DeltaFile.Language.SQL; }
            case "post.sql" -> { kind = DeltaFile.Kind.POST; lang = DeltaFile.Language.SQL; }
            case "py" -> { kind = DeltaFile.Kind.DELTA; lang = DeltaFile.Language.PY; }
            case "pre.py" -> { kind = DeltaFile.Kind.PRE; lang = DeltaFile.Language.PY; }
            case "post.py" -> { kind = DeltaFile.Kind.POST; lang = DeltaFile.Language.PY; }
            case "java" -> { kind = DeltaFile.Kind.DELTA; lang = DeltaFile.Language.JAVA; }
            case "pre.java" -> { kind = DeltaFile.Kind.PRE; lang = DeltaFile.Language.JAVA; }
            case "post.java" -> { kind = DeltaFile.Kind.POST; lang = DeltaFile.Language.JAVA; }
            default -> {
                return badExtension(file, file.substring(afterVersion, i), ext);
            }
        }
        String versionText = file.substring(6, afterVersion);
        if (!ascii) {
            return misnamed(file, "the version \"" + versionText + "\" is written with digits other than 0-9: PUM 0.x ran this file,"
                    + " pum cannot read its version");
        }
        String problem = Version.problem(versionText);
        if (problem != null) {
            return misnamed(file, problem + ": PUM 0.x ran this file, pum cannot read its version the same way");
        }
        int nameStart = afterVersion;
        while (nameStart < i && file.charAt(nameStart) == '_') {
            nameStart++;
        }
        if (rollback && kind != DeltaFile.Kind.DELTA) {
            return notDelta(file, "not a rollback companion (delta_X.Y.Z_name.rollback.sql or .rollback.java)", true);
        }
        return new DeltaName(file, rollback ? Outcome.ROLLBACK : Outcome.DELTA, kind, lang, Version.parse(versionText),
                file.substring(nameStart, i), null, false);
    }

    private static int dotOrEnd(String file, int from) {
        int dot = file.indexOf('.', from);
        return dot < 0 ? file.length() : dot;
    }

    private static DeltaName badExtension(String file, String namePart, String ext) {
        String lower = ext.toLowerCase(Locale.ROOT);
        // Python's $ also matches before a final newline: PUM ran "delta_1.0.0.sql\n"
        if (ext.endsWith("\n") && isPumExtension(ext.substring(0, ext.length() - 1))) {
            return misnamed(file, "the name ends with a newline character: PUM 0.x ran this file, pum does not; rename it");
        }
        String reason;
        if (namePart.isEmpty() && !ext.isEmpty() && Character.isDigit(ext.charAt(0))) {
            int digits = 0;
            while (digits < ext.length() && (Character.isDigit(ext.charAt(digits)) || ext.charAt(digits) == '.' && digits + 1 < ext.length()
                    && Character.isDigit(ext.charAt(digits + 1)))) {
                digits++;
            }
            String version = file.substring(6, file.length() - ext.length() - 1) + "." + ext.substring(0, digits);
            reason = "the version \"" + version + "\" has more than three parts (X.Y.Z): PUM 0.x skipped this file";
        } else if (isPumExtension(lower) || lower.equals("java") || lower.equals("pre.java") || lower.equals("post.java")) {
            reason = "the extension \"." + ext + "\" is not in lowercase: PUM 0.x ran only names ending in " + PUM_EXTENSIONS
                    + ", so it skipped this file";
        } else if (endsWithKnown(lower) != null) {
            String known = endsWithKnown(lower);
            String inName = namePart + "." + ext.substring(0, ext.length() - known.length() - 1);
            reason = "the name part \"" + inName + "\" holds a dot: PUM 0.x read everything after the first dot as the extension"
                    + " (\"." + ext + "\", not one it runs), so it never ran this file";
        } else if (startsWithKnown(lower) != null) {
            String known = startsWithKnown(lower);
            reason = "the name ends in \"." + ext + "\", with \"" + ext.substring(known.length()) + "\" after \"." + known
                    + "\": PUM 0.x ran only names ending in " + PUM_EXTENSIONS + ", so it skipped this file (a disabled delta?)";
        } else {
            reason = "the extension \"." + ext + "\" is not one PUM 0.x ran (" + PUM_EXTENSIONS + "; pum also .java), so it skipped this file";
        }
        return notDelta(file, reason, true);
    }

    private static final String[] KNOWN = {"pre.sql", "post.sql", "sql", "pre.py", "post.py", "py", "pre.java", "post.java", "java"};

    private static boolean isPumExtension(String ext) {
        return switch (ext) {
            case "sql", "pre.sql", "post.sql", "py", "pre.py", "post.py" -> true;
            default -> false;
        };
    }

    private static String endsWithKnown(String ext) {
        for (String k : KNOWN) {
            if (ext.endsWith("." + k)) {
                return k;
            }
        }
        return null;
    }

    private static String startsWithKnown(String ext) {
        for (String k : KNOWN) {
            if (ext.startsWith(k + ".")) {
                return k;
            }
        }
        return null;
    }

    private static String badVersion(String file) {
        int end = 6;
        while (end < file.length() && file.charAt(end) != '_' && !(file.charAt(end) == '.' && !versionDotAt(file, end))) {
            end++;
        }
        String candidate = file.substring(6, end);
        return "\"" + candidate + "\" after delta_ is not a version X.Y.Z (three numbers separated by dots): PUM 0.x skipped this file";
    }

    /** A dot followed by a digit continues a version ({@code 1.2.3}); any other dot starts the extension. */
    private static boolean versionDotAt(String file, int i) {
        return i + 1 < file.length() && Character.isDigit(file.charAt(i + 1));
    }

    private static String otherReason(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.startsWith("delta")) {
            return "the name starts with \"" + file.substring(0, Math.min(file.length(), 6)) + "\", not \"delta_\" in lowercase:"
                    + " PUM 0.x skipped this file";
        }
        if (lower.startsWith("pre") || lower.startsWith("post")) {
            return "not exactly pre-all.sql, pre-all.py, post-all.sql or post-all.py (pum also .java): PUM 0.x skipped this file";
        }
        if (lower.endsWith(".py")) {
            return "a Python file whose name does not start with delta_ (a helper module?): PUM 0.x skipped it";
        }
        if (lower.endsWith(".sql") || lower.endsWith(".java")) {
            return "the name does not start with delta_ and is not pre-all or post-all: PUM 0.x skipped this file";
        }
        return "not a delta file name (delta_X.Y.Z_name.sql, ...)";
    }

    /** Python's {@code \w} on str: alphanumeric in the Unicode sense, or _. Combining marks are not. */
    static boolean isWord(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** Files that skipping silently would hide: PUM skipped them, so a typo meant a delta that never ran. */
    private static boolean resembles(String file) {
        if (file.startsWith(".")) {
            return false;
        }
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.startsWith("delta") || lower.startsWith("pre-all") || lower.startsWith("post-all")
                || lower.startsWith("pre_all") || lower.startsWith("post_all")
                || lower.endsWith(".sql") || lower.endsWith(".java") || lower.endsWith(".py")
                || lower.endsWith(".pre") || lower.endsWith(".post");
    }

    private static DeltaName notDelta(String file, String reason, boolean resembles) {
        return new DeltaName(file, Outcome.NOT_A_DELTA, null, null, null, null, reason, resembles && !file.startsWith("."));
    }

    private static DeltaName misnamed(String file, String reason) {
        return new DeltaName(file, Outcome.MISNAMED, null, null, null, null, reason, true);
    }
}
