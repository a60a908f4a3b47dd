package pum.diff.internal;

import java.util.regex.Pattern;

/** SQL LIKE patterns as Java regular expressions, because PUM's -P takes LIKE patterns. */
public final class LikePattern {
    private LikePattern() {
    }

    /** {@code %} any run, {@code _} one character, backslash escapes; everything else literal; whole-text match. */
    public static Pattern compile(String like) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char ch = like.charAt(i);
            if (ch == '\\' && i + 1 < like.length()) {
                literal.append(like.charAt(++i));
            } else if (ch == '%' || ch == '_') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(ch == '%' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
