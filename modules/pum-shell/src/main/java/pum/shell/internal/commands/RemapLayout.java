package pum.shell.internal.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pum.catalog.Constraint;
import pum.catalog.Domain;
import pum.catalog.Extension;
import pum.catalog.Index;
import pum.catalog.Names;
import pum.catalog.Sequence;
import pum.catalog.Snapshot;
import pum.catalog.UserType;
import pum.catalog.View;
import pum.core.PgText;
import pum.ddl.DdlStatement;
import pum.delta.Version;

/**
 * Where {@code pum remap} puts the statements of {@code Ddl.create}: one file ({@code flat}), or
 * rokso's object tree ({@code tree}), a file per object in {@code SCHEMA/KIND_FOLDER/OBJECT/},
 * numbered with consecutive patch versions in the order the statements build. A pure function of
 * the statements and the snapshot, so the same database gives the same files.
 *
 * <p>An object's statements (a table's CREATE, its constraints, indexes, triggers, rules, policies,
 * comments, the sequences it owns) are in the order that builds, but not next to each other: all
 * tables come before any index. A statement joins its object's file only when nothing it needs is
 * created by a later file: no schema-qualified name its text mentions (server-printed texts
 * qualify every user name, which is what pum.ddl's ordering relies on too), no earlier statement
 * on the same object, no extension (its objects have no statements here); a comment needs only
 * what it is on. Otherwise it starts another file of the same object. Foreign
 * keys get files of their own ({@code foreign_keys_T}), never moved: they also need the referenced
 * table's unique constraint, which their text does not name.
 */
final class RemapLayout {
    /** rokso's kind folders (those {@code pum create --kind} writes) and pum's for the other kinds. */
    static final String EXTENSIONS = "050.extensions";
    static final String TYPES = CreateCommand.KIND_FOLDERS.get("type");
    static final String SEQUENCES = "150.sequences";
    static final String TABLES = CreateCommand.KIND_FOLDERS.get("table");
    static final String VIEWS = CreateCommand.KIND_FOLDERS.get("view");
    static final String MAT_VIEWS = CreateCommand.KIND_FOLDERS.get("materialized-view");
    static final String FUNCTIONS = CreateCommand.KIND_FOLDERS.get("function");
    static final String OTHER = "900.other";
    /** The folder of objects that belong to no schema (kinds pum.ddl may add). */
    static final String DATABASE = "_database";

    private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")";
    private static final Pattern CHAIN = Pattern.compile(PART + "(?:\\." + PART + ")+");

    /** One file to write: its path relative to the delta directory, its version and its statements. */
    record File(Path relative, Version version, String what, List<DdlStatement> statements) {
    }

    /** The file a group of statements goes to: its folder (relative, '/'-separated), its name part, what it holds. */
    private record Group(String folder, String name, String what) {
    }

    private static final class Building {
        final Group group;
        final int ordinal;
        final List<DdlStatement> statements = new ArrayList<>();

        Building(Group group, int ordinal) {
            this.group = group;
            this.ordinal = ordinal;
        }
    }

    private final Map<String, String> extensionSchemas = new HashMap<>();
    private final Map<String, String> sequenceOwners = new HashMap<>();
    private final Map<String, String> indexTables = new HashMap<>();
    private final Map<String, String> viewKinds = new HashMap<>();
    private final Map<String, String> constraintTypes = new HashMap<>();
    private final Map<String, String> typeKinds = new HashMap<>();

    private RemapLayout(Snapshot s) {
        for (Extension e : s.extensions()) {
            extensionSchemas.put(e.name(), e.schema());
        }
        for (Sequence q : s.sequences()) {
            if (q.ownedBy() != null) {
                sequenceOwners.put(q.name(), q.ownedBy());
            }
        }
        for (Index i : s.indexes()) {
            indexTables.put(i.name(), i.table());
        }
        for (View v : s.views()) {
            viewKinds.put(v.name(), v.kind());
        }
        for (Constraint k : s.constraints()) {
            constraintTypes.put(k.name(), k.type());
        }
        for (UserType t : s.types()) {
            typeKinds.put(t.name(), "types");
        }
        for (Domain d : s.domains()) {
            typeKinds.put(d.name(), "domains");
        }
    }

    /** The whole schema in one file, {@code delta_X.Y.Z_remap.sql}. */
    static List<File> flat(List<DdlStatement> statements, Version version) {
        return List.of(new File(Path.of("delta_" + version + "_remap.sql"), version, "the schema", statements));
    }

    /** rokso's object tree: a file per object (more when its statements cannot run together), versions from {@code first} on. */
    static List<File> tree(Snapshot snapshot, List<DdlStatement> statements, Version first) {
        return new RemapLayout(snapshot).split(statements, first);
    }

    private List<File> split(List<DdlStatement> statements, Version first) {
        List<Building> files = new ArrayList<>();
        Map<Group, Integer> lastFile = new HashMap<>();
        Map<Group, Integer> ordinals = new HashMap<>();
        Map<String, Integer> createdIn = new HashMap<>();
        Map<String, Integer> placedIn = new HashMap<>();
        int lastExtension = -1;
        for (DdlStatement s : statements) {
            Group g = group(s.object());
            Integer at = lastFile.get(g);
            if (at == null || !canJoin(s, at, files.size() - 1, lastExtension, createdIn, placedIn)) {
                int ordinal = ordinals.merge(g, 1, Integer::sum);
                files.add(new Building(g, ordinal));
                at = files.size() - 1;
                lastFile.put(g, at);
            }
            files.get(at).statements.add(s);
            int i = at;
            placedIn.merge(s.object(), i, Math::max);
            String kind = kind(s.object());
            String name = s.object().substring(kind.length() + 1);
            switch (kind) {
                case "extensions" -> lastExtension = Math.max(lastExtension, i);
                case "schemas", "tables", "views", "sequences", "types", "domains", "indexes", "functions" ->
                        createdIn.merge(qualified(name), i, Math::max);
                default -> {
                    // constraints, triggers, comments...: nothing other statements name by a qualified name
                }
            }
        }
        List<File> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Building b = files.get(i);
            Version version = first.plusPatch(i);
            String name = b.group.name + (b.ordinal == 1 ? "" : "_" + b.ordinal);
            Path relative = Path.of(b.group.folder).resolve("delta_" + version + "_" + name + ".sql");
            out.add(new File(relative, version, b.group.what, List.copyOf(b.statements)));
        }
        return out;
    }

    /**
     * Whether a statement may run at the end of file {@code at} rather than after file {@code last}:
     * nothing it needs is created after {@code at}.
     */
    private boolean canJoin(DdlStatement s, int at, int last, int lastExtension, Map<String, Integer> createdIn,
                            Map<String, Integer> placedIn) {
        if (at == last) {
            return true;
        }
        String kind = kind(s.object());
        if (kind.equals("constraints") && "foreign key".equals(constraintTypes.get(s.object().substring(kind.length() + 1)))) {
            return false;
        }
        if (placedIn.getOrDefault(s.object(), -1) > at) {
            return false;
        }
        if (kind.equals("comments")) {
            // a comment needs only what it is on; names in its text are no dependency
            return placedIn.getOrDefault(commented(s.object().substring(kind.length() + 1)), -1) <= at;
        }
        if (lastExtension > at) {
            return false;
        }
        Matcher m = CHAIN.matcher(s.sql());
        while (m.find()) {
            List<String> parts = PgText.parts(m.group());
            if (createdIn.getOrDefault(Names.quote(parts.get(0)), -1) > at
                    || createdIn.getOrDefault(Names.qualify(parts.get(0), parts.get(1)), -1) > at) {
                return false;
            }
        }
        return true;
    }

    private static String kind(String object) {
        int space = object.indexOf(' ');
        return space < 0 ? object : object.substring(0, space);
    }

    /** A name requoted as the snapshot quotes it; a function's arguments left out. */
    private static String qualified(String name) {
        return Names.qualify(PgText.parts(name).toArray(String[]::new));
    }

    /** The statement object a comment is on: {@code constraint s.t.k} is on {@code constraints s.t.k}. */
    private String commented(String target) {
        String kind = target.startsWith("materialized view ") ? "materialized view"
                : target.startsWith("foreign table ") ? "foreign table" : kind(target);
        String name = target.substring(Math.min(target.length(), kind.length() + 1));
        return switch (kind) {
            case "column" -> relation(parent(name));
            case "table", "foreign table" -> "tables " + name;
            case "view", "materialized view" -> "views " + name;
            case "type" -> typeKinds.getOrDefault(name, "types") + " " + name;
            case "index" -> "indexes " + name;
            case "policy" -> "policies " + name;
            default -> kind + "s " + name;
        };
    }

    /** The statement object of a relation: a view, a (composite) type or a table. */
    private String relation(String name) {
        if (viewKinds.containsKey(name)) {
            return "views " + name;
        }
        if (typeKinds.containsKey(name)) {
            return typeKinds.get(name) + " " + name;
        }
        return "tables " + name;
    }

    private static String parent(String name) {
        List<String> p = PgText.parts(name);
        return Names.qualify(p.subList(0, p.size() - 1).toArray(String[]::new));
    }

    /** The file group of a statement object ({@code kind name}). */
    private Group group(String object) {
        String kind = kind(object);
        String name = object.substring(Math.min(object.length(), kind.length() + 1));
        List<String> p = PgText.parts(name);
        return switch (kind) {
            case "comments" -> group(commented(name));
            case "schemas" -> new Group(folder(p.get(0)), "schema_" + word(p.get(0)), "schema " + name);
            case "extensions" -> objectGroup(extensionSchemas.getOrDefault(name, "public"), EXTENSIONS, name, "extension", name);
            case "types" -> objectGroup(p.get(0), TYPES, p.get(1), "type", name);
            case "domains" -> objectGroup(p.get(0), TYPES, p.get(1), "domain", name);
            case "functions" -> objectGroup(p.get(0), FUNCTIONS, p.get(1), "function", name);
            case "sequences" -> sequenceOwners.containsKey(name) ? group(relation(parent(sequenceOwners.get(name))))
                    : objectGroup(p.get(0), SEQUENCES, p.get(1), "sequence", name);
            case "tables" -> objectGroup(p.get(0), TABLES, p.get(1), "table", name);
            case "views" -> "materialized view".equals(viewKinds.get(name))
                    ? objectGroup(p.get(0), MAT_VIEWS, p.get(1), "mat_view", name)
                    : objectGroup(p.get(0), VIEWS, p.get(1), "view", name);
            case "constraints" -> {
                String table = parent(name);
                if ("foreign key".equals(constraintTypes.get(name))) {
                    List<String> t = PgText.parts(table);
                    yield new Group(folder(t.get(0)) + "/" + TABLES + "/" + segment(t.get(1)), "foreign_keys_" + word(t.get(1)),
                            "foreign keys of table " + table);
                }
                yield group(relation(table));
            }
            case "indexes" -> indexTables.containsKey(name) ? group(relation(indexTables.get(name)))
                    : objectGroup(p.get(0), OTHER, p.get(1), "index", name);
            case "triggers", "rules", "policies" -> p.size() >= 3 ? group(relation(parent(name)))
                    : objectGroup(p.get(0), OTHER, p.get(p.size() - 1), kind, name);
            default -> p.size() >= 2 ? objectGroup(p.get(0), OTHER, p.get(1), kind, name)
                    : new Group(DATABASE + "/" + segment(kind) + "/" + segment(p.get(0)), word(kind) + "_" + word(p.get(0)), kind + " " + name);
        };
    }

    private static Group objectGroup(String schema, String kindFolder, String object, String label, String name) {
        return new Group(folder(schema) + "/" + kindFolder + "/" + segment(object), label + "_" + word(object),
                label.replace('_', ' ') + " " + name);
    }

    private static String folder(String schema) {
        return segment(schema);
    }

    /**
     * A name as a folder name: letters, digits, _, ., $ and - kept (what {@code pum create} accepts),
     * anything else, and a leading character a reader would skip or misread (a dot hides a folder), as _.
     */
    static String segment(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            b.append(plain || i > 0 && (c == '.' || c == '$' || c == '-') ? c : '_');
        }
        return b.isEmpty() ? "_" : b.toString();
    }

    /** A name as part of a delta name: ASCII letters, digits and _ (anything else as _). */
    static String word(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return b.isEmpty() ? "_" : b.toString();
    }
}
