package pum.diff.internal;

/** Reading back the schema-qualified names of pum.catalog ({@code s.t."Col.x"}). */
public final class ObjectNames {
    private ObjectNames() {
    }

    /**
     * The last part of a qualified name, unquoted: {@code usr_x} for {@code s.t.usr_x},
     * {@code My.Col} for {@code s.t."My.Col"} (doubled quotes inside quotes stand for one).
     */
    public static String last(String qualified) {
        if (qualified.endsWith("\"")) {
            // scan from the start: a dot or doubled quote inside quotes belongs to the identifier
            int start = -1;
            boolean quoted = false;
            for (int i = 0; i < qualified.length(); i++) {
                char c = qualified.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = !quoted;
                        if (quoted) {
                            start = i;
                        }
                    }
                } else if (c == '.' && !quoted) {
                    start = -1;
                }
            }
            if (start >= 0) {
                return qualified.substring(start + 1, qualified.length() - 1).replace("\"\"", "\"");
            }
        }
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }
}
