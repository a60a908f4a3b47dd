package pum.delta.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Encoding names a delta may declare: PostgreSQL's (LATIN1, WIN1252, UTF8, EUC_JP, ...,
 * compared as PostgreSQL compares them, ignoring case and non-alphanumerics) and Java's
 * (ISO-8859-1, windows-1252, UTF-8, Cp1252, ...).
 */
final class Encodings {
    private Encodings() {
    }

    // PostgreSQL's client encodings (encnames.c) that a JDK can decode; SQL_ASCII means "no
    // encoding" and MULE_INTERNAL, EUC_JIS_2004, SHIFT_JIS_2004 have no Java decoder
    private static final Map<String, String> POSTGRES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"), Map.entry("unicode", "UTF-8"),
            Map.entry("latin1", "ISO-8859-1"), Map.entry("latin2", "ISO-8859-2"),
            Map.entry("latin3", "ISO-8859-3"), Map.entry("latin4", "ISO-8859-4"),
            Map.entry("latin5", "ISO-8859-9"), Map.entry("latin6", "ISO-8859-10"),
            Map.entry("latin7", "ISO-8859-13"), Map.entry("latin8", "ISO-8859-14"),
            Map.entry("latin9", "ISO-8859-15"), Map.entry("latin10", "ISO-8859-16"),
            Map.entry("iso88591", "ISO-8859-1"), Map.entry("iso88592", "ISO-8859-2"),
            Map.entry("iso88593", "ISO-8859-3"), Map.entry("iso88594", "ISO-8859-4"),
            Map.entry("iso88595", "ISO-8859-5"), Map.entry("iso88596", "ISO-8859-6"),
            Map.entry("iso88597", "ISO-8859-7"), Map.entry("iso88598", "ISO-8859-8"),
            Map.entry("iso88599", "ISO-8859-9"), Map.entry("iso885910", "ISO-8859-10"),
            Map.entry("iso885913", "ISO-8859-13"), Map.entry("iso885914", "ISO-8859-14"),
            Map.entry("iso885915", "ISO-8859-15"), Map.entry("iso885916", "ISO-8859-16"),
            Map.entry("win866", "IBM866"), Map.entry("alt", "IBM866"), Map.entry("win874", "x-windows-874"),
            Map.entry("win1250", "windows-1250"), Map.entry("win1251", "windows-1251"), Map.entry("win", "windows-1251"),
            Map.entry("win1252", "windows-1252"), Map.entry("win1253", "windows-1253"),
            Map.entry("win1254", "windows-1254"), Map.entry("win1255", "windows-1255"),
            Map.entry("win1256", "windows-1256"), Map.entry("win1257", "windows-1257"),
            Map.entry("win1258", "windows-1258"), Map.entry("tcvn", "windows-1258"), Map.entry("tcvn5712", "windows-1258"),
            Map.entry("koi8", "KOI8-R"), Map.entry("koi8r", "KOI8-R"), Map.entry("koi8u", "KOI8-U"),
            Map.entry("eucjp", "EUC-JP"), Map.entry("euccn", "GB2312"), Map.entry("euckr", "EUC-KR"),
            Map.entry("euctw", "x-EUC-TW"), Map.entry("sjis", "windows-31j"), Map.entry("mskanji", "windows-31j"),
            Map.entry("shiftjis", "windows-31j"), Map.entry("win932", "windows-31j"),
            Map.entry("big5", "Big5"), Map.entry("win950", "Big5"), Map.entry("gbk", "GBK"), Map.entry("win936", "GBK"),
            Map.entry("uhc", "x-windows-949"), Map.entry("win949", "x-windows-949"),
            Map.entry("gb18030", "GB18030"), Map.entry("johab", "x-Johab"));

    /** Thrown with a user-facing reason. */
    static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown(String message) {
            super(message);
        }
    }

    /**
     * The charset of a declared name.
     *
     * @throws Unknown when the name is unknown, not available in this runtime, or an encoding in
     *                 which ASCII text (the directives themselves) would not read as ASCII
     */
    static Charset forName(String name) throws Unknown {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (clean.equals("sqlascii")) {
            throw new Unknown("SQL_ASCII is not an encoding (PostgreSQL passes its bytes unchecked): name the file's real encoding");
        }
        String java = POSTGRES.getOrDefault(clean, name);
        Charset cs;
        try {
            cs = Charset.forName(java);
        } catch (IllegalArgumentException e) {
            throw new Unknown("unknown encoding \"" + name + "\" (or not available in this Java runtime): "
                    + "expected a PostgreSQL or Java encoding name such as UTF8, LATIN1, LATIN9, WIN1252");
        }
        if (!asciiCompatible(cs)) {
            throw new Unknown("encoding " + name + " is not supported: pum reads directives and SQL keywords as ASCII, which "
                    + cs.name() + " does not encode as ASCII; save the file as UTF-8");
        }
        return cs;
    }

    private static boolean asciiCompatible(Charset cs) {
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        try {
            return Arrays.equals(ascii, new String(ascii, cs).getBytes(StandardCharsets.ISO_8859_1))
                    && cs.newEncoder().canEncode("-- pum: ;$'\"\\\n");
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
