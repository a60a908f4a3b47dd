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
     * Parses {@code X.Y.Z}.
     *
     * @throws DeltaException ({@link pum.core.ErrorCode#USAGE}) naming the value and the expected form
     */
    public static Version parse(String text) {
        int[] p = parts(text);
        if (p == null) {
            throw new DeltaException(pum.core.ErrorCode.USAGE, "invalid version \"" + text + "\": expected X.Y.Z, three numbers separated by dots (for example 1.2.0)",
                    null, null);
        }
        return new Version(p, text);
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
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 9) {
                    return null;
                }
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

    /** Whether a text is of the form X.Y.Z. */
    public static boolean isValid(String text) {
        return parts(text) != null;
    }

    /** The version as written (leading zeros kept: {@code 1.01.0} stays as is, but equals {@code 1.1.0}). */
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
