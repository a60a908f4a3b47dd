package pum.core.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;

/** Parsers for libpq's two connection-string forms: URIs and keyword/value strings. */
public final class Conninfo {
    private Conninfo() {
    }

    /** Parses {@code postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]}. */
    public static Map<String, String> parseUri(String uri) {
        Map<String, String> p = new LinkedHashMap<>();
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        if (slash >= 0 && slash + 1 < rest.length()) {
            p.put("dbname", decode(rest.substring(slash + 1), uri));
        }
        // libpq takes user information up to the first '@'
        int at = authority.indexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                putIfNotEmpty(p, "user", decode(userInfo.substring(0, colon), uri));
                p.put("password", decode(userInfo.substring(colon + 1), uri));
            } else {
                putIfNotEmpty(p, "user", decode(userInfo, uri));
            }
        }
        if (authority.contains("@")) {
            throw bad(uri, "more than one '@' before the host",
                    "percent-encode '@' in a user name or password as %40 (p%40ss for p@ss)");
        }
        if (!authority.isEmpty()) {
            String host = authority;
            String port = null;
            if (authority.startsWith("[")) {
                int end = authority.indexOf(']');
                if (end < 0) {
                    throw bad(uri, "unterminated IPv6 address");
                }
                host = authority.substring(1, end);
                if (end + 1 < authority.length()) {
                    if (authority.charAt(end + 1) != ':') {
                        throw bad(uri, "unexpected text after IPv6 address");
                    }
                    port = authority.substring(end + 2);
                }
            } else if (!authority.contains(",")) {
                int colon = authority.lastIndexOf(':');
                if (colon >= 0) {
                    host = authority.substring(0, colon);
                    port = authority.substring(colon + 1);
                }
            }
            putIfNotEmpty(p, "host", decode(host, uri));
            if (port != null && !port.isEmpty()) {
                p.put("port", port);
            }
        }
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw bad(uri, "query parameter \"" + pair + "\" is not key=value");
                }
                String key = decode(pair.substring(0, eq), uri);
                // libpq accepts ssl=true as an alias of sslmode=require, and no other value of ssl.
                if (key.equals("ssl") && pair.substring(eq + 1).equals("true")) {
                    p.put("sslmode", "require");
                } else if (!LibpqKeywords.ALL.contains(key)) {
                    throw LibpqKeywords.unknown(key, Secrets.mask(uri), "invalid URI query parameter");
                } else {
                    p.put(key, decode(pair.substring(eq + 1), uri));
                }
            }
        }
        return p;
    }

    /** Parses {@code key=value key2='quoted value'} with libpq's quoting and escaping rules. */
    public static Map<String, String> parseKeywords(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return p;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '=') {
                throw bad(text, "missing \"=\" after \"" + key + "\"");
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw bad(text, "unterminated quoted value for \"" + key + "\"");
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(text.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            if (key.isEmpty()) {
                throw bad(text, "empty keyword");
            }
            if (!LibpqKeywords.ALL.contains(key)) {
                throw LibpqKeywords.unknown(key, "conninfo \"" + Secrets.mask(text.strip()) + "\"", "invalid connection option");
            }
            p.put(key, value.toString());
        }
    }

    private static void putIfNotEmpty(Map<String, String> p, String key, String value) {
        if (!value.isEmpty()) {
            p.put(key, value);
        }
    }

    private static String decode(String s, String uri) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(uri, "invalid percent-encoding");
        }
    }

    private static PumException bad(String what, String why) {
        return bad(what, why, "use postgresql://user@host:port/dbname, key=value pairs, or a service name");
    }

    /** The text is masked here: it is what the user typed, password included. */
    private static PumException bad(String what, String why, String hint) {
        return new PumException(ErrorCode.USAGE, "invalid connection string " + Secrets.mask(what) + ": " + why, hint);
    }
}
