package pum.diff;

/**
 * Renders differences as JSON for programs. The format is stable (documented in docs/check.md):
 * <pre>
 * {"format": "pum-check", "version": 1, "equal": false, "count": 1,
 *  "differences": [{"kind": "columns", "object": "qwat_od.pipe.diameter", "change": "changed",
 *                   "field": "type", "first": "integer", "second": "bigint"}]}
 * </pre>
 * {@code change} is {@code only in first}, {@code only in second} or {@code changed};
 * for kind {@code comments}, {@code object} is {@code KIND NAME} of what the comment is on
 * ({@code "constraint public.pipe.pipe_check"}) and {@code comment_on} spells it out
 * ({@code {"kind": "constraint", "object": "public.pipe.pipe_check"}}); it is null for other kinds.
 * {@code field}, {@code first} and {@code second} are null unless the change is {@code changed}
 * ({@code first}/{@code second} are also null when the value is not set on that side).
 */
public final class JsonReport {
    private JsonReport() {
    }

    /** The JSON document, one difference per line, ending with a newline. */
    public static String render(DiffResult result) {
        StringBuilder b = new StringBuilder();
        b.append("{\"format\": \"pum-check\", \"version\": 1, \"equal\": ").append(result.isEmpty())
                .append(", \"count\": ").append(result.differences().size()).append(", \"differences\": [");
        String sep = "\n  ";
        for (Difference d : result.differences()) {
            b.append(sep).append("{\"kind\": ").append(str(d.kind().label()))
                    .append(", \"object\": ").append(str(d.object()))
                    .append(", \"change\": ").append(str(d.change().label()))
                    .append(", \"field\": ").append(str(d.field()))
                    .append(", \"first\": ").append(str(d.first()))
                    .append(", \"second\": ").append(str(d.second()))
                    .append(", \"comment_on\": ").append(d.commentOnKind() == null ? "null"
                            : "{\"kind\": " + str(d.commentOnKind()) + ", \"object\": " + str(d.commentOnName()) + "}")
                    .append('}');
            sep = ",\n  ";
        }
        b.append(result.isEmpty() ? "]}\n" : "\n]}\n");
        return b.toString();
    }

    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
