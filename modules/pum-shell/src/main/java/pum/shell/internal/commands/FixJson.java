package pum.shell.internal.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.ddl.DdlStatement;
import pum.ddl.Hazard;

/**
 * {@code check --fix FILE --format json}: the statements of the fix script as JSON, for programs.
 * The envelope is check's ({@code format}, {@code version}, stable field names, documented in
 * docs/remap.md); the statements are those of the SQL script, in its order.
 */
final class FixJson {
    /** Session settings the statements need, in the script before the first statement. */
    static final List<String> PREAMBLE = List.of("SET check_function_bodies = false;");

    private FixJson() {
    }

    /** The document, ending with a newline. */
    static String render(String first, String second, List<DdlStatement> statements) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", "pum-fix");
        root.put("version", 1);
        root.put("first", first);
        root.put("second", second);
        root.put("count", statements.size());
        Map<Hazard, Integer> counts = new EnumMap<>(Hazard.class);
        for (DdlStatement s : statements) {
            s.hazards().forEach(h -> counts.merge(h, 1, Integer::sum));
        }
        ArrayNode summary = root.putArray("hazards");
        counts.forEach((h, n) -> summary.addObject().put("name", h.name()).put("description", h.description()).put("statements", n));
        ArrayNode preamble = root.putArray("preamble");
        PREAMBLE.forEach(preamble::add);
        ArrayNode list = root.putArray("statements");
        for (DdlStatement s : statements) {
            ObjectNode o = list.addObject();
            o.put("object", s.object());
            o.put("sql", s.sql());
            ArrayNode hazards = o.putArray("hazards");
            s.hazards().stream().sorted().forEach(h -> hazards.addObject().put("name", h.name()).put("description", h.description()));
        }
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            return new ObjectMapper().writer(pretty).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new PumException(ErrorCode.INTERNAL, "rendering the fix as JSON failed: " + e.getMessage(), null, e);
        }
    }
}
