package pum.delta;

import java.util.Arrays;

/**
 * A delta version {@code X.Y.Z}: three non-negative integers compared numerically part by part,
 * so 1.10.0 comes after 1.9.0 (PUM 0.x compared them as text in one place).
 */
public final class Version implements Comparable<Version> {
    private final int[] parts;
    private final String text;

    private Version(int[] parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /**
     * Parses {@code X.Y.Z}: three numbers of at most 9 digits each, without leading zeros.
     *
     * @throws DeltaException ({@link pum.core.ErrorCode#USAGE}) naming the value and what is wrong with it
     */
    public static Version parse(String text) {
        int[] p = parts(text);
        if (p == null) {
            throw new DeltaException(pum.core.ErrorCode.USAGE, problem(text), null, null);
        }
        return new Version(p, text);
    }

    /**
     * {@code X.Y.(Z+n)}: the n-th patch version after this one ({@code pum create}'s next version,
     * remap's consecutive files).
     *
     * @throws DeltaException ({@link pum.core.ErrorCode#USAGE}) when Z+n has more than 9 digits
     */
    public Version plusPatch(long n) {
        return parse(parts[0] + "." + parts[1] + "." + (parts[2] + n));
    }

    /** Hand-written rather than a regex: the no-op upgrade parses thousands of these at start-up. */
    private static int[] parts(String text) {
        if (text == null) {
            return null;
        }
        int[] p = new int[3];
        int part = 0;
        int digits = 0;
        int value = 0;
        boolean leadingZero = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && leadingZero) {
                    return null;
                }
                if (++digits > MAX_DIGITS) {
                    return null;
                }
                leadingZero = digits == 1 && c == '0';
                value = value * 10 + (c - '0');
            } else if (c == '.' && digits > 0 && part < 2) {
                p[part++] = value;
                digits = 0;
                value = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 2) {
            return null;
        }
        p[2] = value;
        return p;
    }

    /** At most 9 digits a part, so that every part fits an int. */
    private static final int MAX_DIGITS = 9;

    /**
     * What is wrong with a version text, in words, or null when it is a valid version: for
     * example {@code invalid version "01.0.0": "01" has a leading zero (write 1.0.0)}.
     */
    public static String problem(String text) {
        if (parts(text) != null) {
            return null;
        }
        String head = "invalid version \"" + text + "\": ";
        if (text == null) {
            return "invalid version (none): expected X.Y.Z, three numbers separated by dots (for example 1.2.0)";
        }
        String[] ps = text.split("\\.", -1);
        if (ps.length == 3) {
            StringBuilder fixed = new StringBuilder();
            String zero = null;
            for (String part : ps) {
                if (part.isEmpty() || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    fixed = null;
                    break;
                }
                if (part.length() > MAX_DIGITS) {
                    return head + "\"" + part + "\" has " + part.length() + " digits, at most " + MAX_DIGITS + " are allowed per part";
                }
                if (part.length() > 1 && part.charAt(0) == '0') {
                    zero = zero == null ? part : zero;
                }
                fixed.append(fixed.length() == 0 ? "" : ".").append(Integer.parseInt(part));
            }
            if (fixed != null && zero != null) {
                return head + "\"" + zero + "\" has a leading zero (write " + fixed + ")";
            }
        }
        return head + "expected X.Y.Z, three numbers separated by dots (for example 1.2.0)";
    }

    /** Whether a text is of the form X.Y.Z (no leading zeros, at most 9 digits a part). */
    public static boolean isValid(String text) {
        return parts(text) != null;
    }

    /** The version as written. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public int compareTo(Version o) {
        return Arrays.compare(parts, o.parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && Arrays.equals(parts, v.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }
}
