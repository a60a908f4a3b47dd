package pum.delta;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A delta version {@code X.Y.Z}: three non-negative integers compared numerically part by part,
 * so 1.10.0 comes after 1.9.0 (PUM 0.x compared them as text in one place).
 */
public final class Version implements Comparable<Version> {
    private static final Pattern FORM = Pattern.compile("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}");

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
        if (text == null || !FORM.matcher(text).matches()) {
            throw new DeltaException(pum.core.ErrorCode.USAGE, "invalid version \"" + text + "\": expected X.Y.Z, three numbers separated by dots (for example 1.2.0)",
                    null, null);
        }
        String[] s = text.split("\\.");
        int[] p = new int[3];
        for (int i = 0; i < 3; i++) {
            p[i] = Integer.parseInt(s[i]);
        }
        return new Version(p, text);
    }

    /** Whether a text is of the form X.Y.Z. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
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
