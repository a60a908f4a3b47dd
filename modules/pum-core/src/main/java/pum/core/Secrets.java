package pum.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in any text that may hold a connection string or a command line: error
 * messages and hints, log lines, the shell's history and batch echo, JSON output.
 *
 * <p>It is deliberately forgiving: the text may be a malformed URI (an unclosed {@code [}, a
 * typo in the scheme, an unencoded {@code @} in the password), a conninfo string with upper-case
 * or quoted keywords, or a whole command line. Hiding too much is preferred to hiding too little.
 */
public final class Secrets {
    /** What a hidden password is replaced with. */
    public static final String MASK = "***";

    /** A scheme in front of a URI, also a misspelled one, and {@code scheme:/} or {@code scheme//} typos. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*(?::/{1,3}|/{2,3})");
    /** {@code ?password=...} and {@code &sslpassword=...} in a URI's query. */
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&][^=&]*password=)[^&]*");
    /**
     * {@code password=...} in a conninfo string, any case, with libpq's quoting; also
     * {@code PGPASSWORD=...} and {@code sslpassword=...}. An already hidden value is left as is.
     */
    private static final Pattern KEYWORD_PASSWORD = Pattern.compile(
            "(?i)(\\b\\w*(?:password|secret)\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|\\*\\*\\*(?=[\\s\"':,;)]|$)|(?:[^\\s\\\\]|\\\\.)+)");
    private static final Pattern WORD = Pattern.compile("\\S+");

    private Secrets() {
    }

    /**
     * The text with every password replaced by {@value #MASK}. Null stays null. Applying it twice
     * gives the same text as applying it once.
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (word.start() < done) {
                continue; // inside a quoted URI already handled
            }
            String w = word.group();
            int start = uriStart(w);
            if (start < 0) {
                continue;
            }
            int from = word.start() + start;
            int to = word.end();
            char before = from > 0 ? text.charAt(from - 1) : ' ';
            if (before == '\'' || before == '"') {
                // a quoted URI may hold spaces: it ends at the closing quote
                int close = text.indexOf(before, from);
                to = close < 0 ? text.length() : close;
            } else if (openUserInfo(text.substring(from, to))) {
                // "postgresql://app:my secret@host": a password with a space, the '@' further on the line
                int at = text.indexOf('@', to);
                int eol = text.indexOf('\n', to);
                if (at > 0 && (eol < 0 || at < eol) && text.substring(to, at).chars().noneMatch(c -> "/()\"'".indexOf(c) >= 0)) {
                    int end = at;
                    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                        end++;
                    }
                    to = end;
                }
            }
            out.append(maskKeywords(text.substring(done, from)));
            out.append(maskUri(text.substring(from, to)));
            done = to;
        }
        out.append(maskKeywords(text.substring(done)));
        return out.toString();
    }

    /**
     * Whether anything below could change the text: a password only ever hides behind an '@'
     * (a URI's user info) or after a keyword containing "password" or "secret". Every line pum
     * prints goes through {@link #mask}, 1,000 of them for an upgrade of 1,000 deltas: most take
     * this one scan and no regular expression.
     */
    private static boolean mayHoldSecret(String text) {
        if (text.indexOf('@') >= 0) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == 'p' || c == 'P') && text.regionMatches(true, i, "password", 0, 8)
                    || (c == 's' || c == 'S') && text.regionMatches(true, i, "secret", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    /** Where a URI-like text starts in a word, or -1: after {@code -p=}, quotes and the like. */
    private static int uriStart(String w) {
        int scheme = w.indexOf("://");
        if (scheme < 0) {
            int at = w.lastIndexOf('@');
            if (at < 0 || w.lastIndexOf(':', at) < 0) {
                return -1;
            }
            scheme = w.indexOf("//");
            if (scheme < 0 || scheme > at) {
                scheme = w.indexOf(':');
            }
        }
        int s = scheme;
        while (s > 0 && isSchemeChar(w.charAt(s - 1))) {
            s--;
        }
        if (s == scheme) {
            // no scheme word before "://" or ':': start after leading punctuation
            s = 0;
            while (s < w.length() && (w.charAt(s) == '\'' || w.charAt(s) == '"' || w.charAt(s) == '=' || w.charAt(s) == '(')) {
                s++;
            }
        }
        return s;
    }

    /** A URI cut short after {@code user:}: no '@' and no '/' after the scheme, but a ':'. */
    private static boolean openUserInfo(String uri) {
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.find() || uri.indexOf('@') >= 0) {
            return false;
        }
        String rest = uri.substring(scheme.end());
        return rest.indexOf(':') >= 0 && rest.indexOf('/') < 0 && rest.indexOf('?') < 0;
    }

    private static boolean isSchemeChar(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-' || c == '_';
    }

    private static String maskUri(String uri) {
        Matcher scheme = SCHEME.matcher(uri);
        int start = scheme.find() ? scheme.end() : 0;
        // the last '@': a password may hold an unencoded '@' (libpq would split at the first)
        int at = uri.lastIndexOf('@');
        String masked = uri;
        if (at > start) {
            int colon = uri.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                masked = uri.substring(0, colon + 1) + MASK + uri.substring(at);
            }
        }
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    private static String maskKeywords(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return KEYWORD_PASSWORD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
