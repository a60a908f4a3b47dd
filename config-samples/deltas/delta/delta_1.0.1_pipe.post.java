import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import pum.delta.Delta;

/** Fills the material list; runs in version 1.0.1's transaction, after the SQL files. */
public class FillMaterials extends Delta {
    @Override
    public void run() {
        String[][] materials = {{"PE", "polyethylene"}, {"PVC", "polyvinyl chloride"}, {"CI", "cast iron"}};
        var material = table(name("sample", "material"));
        for (String[] m : materials) {
            dsl().insertInto(material, field(name("code")), field(name("label"))).values(m[0], m[1]).execute();
        }
        writeMessage("filled " + materials.length + " materials (database was at " + currentDbVersion() + ")");
    }
}
