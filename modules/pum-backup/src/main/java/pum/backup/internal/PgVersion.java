package pum.backup.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL release as a client tool or server reports it. Since PostgreSQL 10 the major is
 * the first number; before, it was the first two (9.6), which {@link #major()} folds into 9: pum
 * does not support dumping such old servers with such old clients anyway.
 *
 * @param major the major release (17)
 * @param minor the minor release (2), or 0 when none was printed (17devel)
 * @param text  as printed, for messages ({@code 15.18 (Debian 15.18-0+deb12u1)})
 */
public record PgVersion(int major, int minor, String text) {
    private static final Pattern TOOL = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?(.*)");

    /** Parses {@code pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}; null if it is not that. */
    public static PgVersion parseToolOutput(String firstLine) {
        Matcher m = TOOL.matcher(firstLine.trim());
        if (!m.find()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String text = (m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)) + m.group(3)).trim();
        return new PgVersion(major, major < 10 ? 0 : minor, text);
    }

    /** From {@code server_version_num} (170002 is 17.2; 90624 is 9.6.24). */
    public static PgVersion fromServerVersionNum(int num) {
        if (num >= 100000) {
            return new PgVersion(num / 10000, num % 10000, (num / 10000) + "." + (num % 10000));
        }
        return new PgVersion(num / 10000, 0, (num / 10000) + "." + (num / 100 % 100) + "." + (num % 100));
    }

    /** The major and minor, {@code 15.18}. */
    public String shortText() {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}
