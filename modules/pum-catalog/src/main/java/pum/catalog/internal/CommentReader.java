package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_CONSTRAINT;
import static pum.catalog.internal.pg.Tables.PG_DESCRIPTION;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_PROC;
import static pum.catalog.internal.pg.Tables.PG_TRIGGER;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import pum.catalog.Comment;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgConstraint;
import pum.catalog.internal.pg.tables.PgDescription;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgProc;
import pum.catalog.internal.pg.tables.PgTrigger;
import pum.catalog.internal.pg.tables.PgType;

/**
 * Comments on schemas, relations, columns, functions, types, constraints and triggers: one query
 * per catalog the comment points into, each over the whole database.
 */
final class CommentReader {
    private CommentReader() {
    }

    static List<Comment> read(Reads reads) {
        List<Comment> comments = new ArrayList<>();

        comments.addAll(Rows.fetch(reads, "comments.relations", (DSLContext ctx, Scope scope) -> {
            PgDescription d = PG_DESCRIPTION.as("d");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgClass c = PG_CLASS.as("c");
            PgAttribute a = PG_ATTRIBUTE.as("a");
            return ctx.select(n.NSPNAME, c.RELNAME, c.RELKIND, a.ATTNAME, d.DESCRIPTION)
                    .from(d)
                    .join(c).on(c.OID.eq(d.OBJOID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .leftJoin(a).on(a.ATTRELID.eq(c.OID).and(a.ATTNUM.eq(d.OBJSUBID.cast(Short.class))).and(d.OBJSUBID.gt(inline(0))))
                    .where(d.CLASSOID.eq(inline(Scope.PG_CLASS)))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, rel, kind, column, text) -> new Comment(column != null
                        ? "column " + Names.qualify(schema, rel, column)
                        : relationKind(kind) + " " + Names.qualify(schema, rel), text)));

        comments.addAll(Rows.fetch(reads, "comments.schemas", (DSLContext ctx, Scope scope) -> {
            PgDescription d = PG_DESCRIPTION.as("d");
            PgNamespace n = PG_NAMESPACE.as("n");
            return ctx.select(n.NSPNAME, d.DESCRIPTION)
                    .from(d)
                    .join(n).on(n.OID.eq(d.OBJOID))
                    .where(d.CLASSOID.eq(inline(Scope.PG_NAMESPACE)))
                    .and(scope.schema(n));
        },
                (schema, text) -> new Comment("schema " + Names.quote(schema), text)));

        comments.addAll(Rows.fetch(reads, "comments.functions", (DSLContext ctx, Scope scope) -> {
            PgDescription d = PG_DESCRIPTION.as("d");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgProc p = PG_PROC.as("p");
            return ctx.select(n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID), d.DESCRIPTION)
                    .from(d)
                    .join(p).on(p.OID.eq(d.OBJOID))
                    .join(n).on(n.OID.eq(p.PRONAMESPACE))
                    .where(d.CLASSOID.eq(inline(Scope.PG_PROC)))
                    .and(scope.schema(n))
                    .and(scope.inScope(p.OID, Scope.PG_PROC));
        },
                (schema, name, args, text) ->
                        new Comment("function " + Names.qualify(schema, name) + "(" + args + ")", text)));

        comments.addAll(Rows.fetch(reads, "comments.types", (DSLContext ctx, Scope scope) -> {
            PgDescription d = PG_DESCRIPTION.as("d");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgType t = PG_TYPE.as("t");
            return ctx.select(n.NSPNAME, t.TYPNAME, d.DESCRIPTION)
                    .from(d)
                    .join(t).on(t.OID.eq(d.OBJOID))
                    .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                    .where(d.CLASSOID.eq(inline(Scope.PG_TYPE)))
                    .and(scope.schema(n))
                    .and(scope.inScope(t.OID, Scope.PG_TYPE));
        },
                (schema, name, text) -> new Comment("type " + Names.qualify(schema, name), text)));

        comments.addAll(Rows.fetch(reads, "comments.constraints", (DSLContext ctx, Scope scope) -> {
            PgDescription d = PG_DESCRIPTION.as("d");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgClass c = PG_CLASS.as("c");
            PgConstraint k = PG_CONSTRAINT.as("k");
            return ctx.select(n.NSPNAME, c.RELNAME, k.CONNAME, d.DESCRIPTION)
                    .from(d)
                    .join(k).on(k.OID.eq(d.OBJOID))
                    .join(c).on(c.OID.eq(k.CONRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .where(d.CLASSOID.eq(inline(Scope.PG_CONSTRAINT)))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, rel, name, text) -> new Comment("constraint " + Names.qualify(schema, rel, name), text)));

        comments.addAll(Rows.fetch(reads, "comments.triggers", (DSLContext ctx, Scope scope) -> {
            PgDescription d = PG_DESCRIPTION.as("d");
            PgNamespace n = PG_NAMESPACE.as("n");
            PgClass c = PG_CLASS.as("c");
            PgTrigger tg = PG_TRIGGER.as("tg");
            return ctx.select(n.NSPNAME, c.RELNAME, tg.TGNAME, d.DESCRIPTION)
                    .from(d)
                    .join(tg).on(tg.OID.eq(d.OBJOID))
                    .join(c).on(c.OID.eq(tg.TGRELID))
                    .join(n).on(n.OID.eq(c.RELNAMESPACE))
                    .where(d.CLASSOID.eq(inline(Scope.PG_TRIGGER)))
                    .and(scope.schema(n))
                    .and(scope.inScope(c.OID, Scope.PG_CLASS));
        },
                (schema, rel, name, text) -> new Comment("trigger " + Names.qualify(schema, rel, name), text)));
        return comments;
    }

    private static String relationKind(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "S" -> "sequence";
            case "i", "I" -> "index";
            case "f" -> "foreign table";
            case "c" -> "type";
            default -> "table";
        };
    }
}
