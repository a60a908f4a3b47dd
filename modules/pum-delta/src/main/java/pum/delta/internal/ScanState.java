package pum.delta.internal;

/**
 * What the splitter knows about the statement it is reading: where it started, parenthesis and
 * BEGIN depth as psql counts them, and whether it is a {@code COPY ... FROM STDIN}.
 */
final class ScanState {
    /** Words longer than this are only compared with short keywords, so they are cut. */
    static final int MAX_WORD = 16;

    static final int COPY_NO = 0;
    static final int COPY_SEEK_FROM = 1;
    static final int COPY_AFTER_FROM = 2;
    static final int COPY_STDIN = 3;

    long startPos = -1;
    int startLine;
    int startColumn;
    int parens;
    int beginDepth;
    int copy;
    private int tokens;
    private int words;
    // psql remembers the first letter of create/or/replace/function/procedure in each of the
    // first four identifier slots, and only then counts BEGIN ... END: the same test here
    private final char[] slots = new char[4];

    void reset() {
        startPos = -1;
        parens = 0;
        beginDepth = 0;
        copy = COPY_NO;
        tokens = 0;
        words = 0;
        java.util.Arrays.fill(slots, '\0');
    }

    boolean started() {
        return startPos >= 0;
    }

    void start(long pos, int line, int column) {
        startPos = pos;
        startLine = line;
        startColumn = column;
    }

    /** A token that is not an identifier (word == null), or an identifier in lower case. */
    void token(String word) {
        tokens++;
        if (tokens == 1) {
            copy = "copy".equals(word) ? COPY_SEEK_FROM : COPY_NO;
        } else if (copy == COPY_SEEK_FROM && parens == 0 && word != null) {
            if (word.equals("from")) {
                copy = COPY_AFTER_FROM;
            } else if (word.equals("to")) {
                copy = COPY_NO;
            }
        } else if (copy == COPY_AFTER_FROM) {
            copy = "stdin".equals(word) ? COPY_STDIN : COPY_NO;
        }
    }

    /** An unquoted identifier (keywords included), lower-cased. */
    void word(String w) {
        if (words < slots.length && (w.equals("create") || w.equals("or") || w.equals("replace")
                || w.equals("function") || w.equals("procedure"))) {
            slots[words] = w.charAt(0);
        }
        words++;
        token(w);
        if (parens == 0 && routine()) {
            switch (w) {
                case "begin" -> beginDepth++;
                case "case" -> {
                    // CASE also ends with END; it matters only inside a BEGIN block
                    if (beginDepth > 0) {
                        beginDepth++;
                    }
                }
                case "end" -> {
                    if (beginDepth > 0) {
                        beginDepth--;
                    }
                }
                default -> { }
            }
        }
    }

    private boolean routine() {
        return slots[0] == 'c' && (slots[1] == 'f' || slots[1] == 'p'
                || (slots[1] == 'o' && slots[2] == 'r' && (slots[3] == 'f' || slots[3] == 'p')));
    }
}
