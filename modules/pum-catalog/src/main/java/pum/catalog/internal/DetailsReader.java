package pum.catalog.internal;

import static org.jooq.impl.DSL.inline;
import static pum.catalog.internal.pg.Tables.PG_ATTRIBUTE;
import static pum.catalog.internal.pg.Tables.PG_CLASS;
import static pum.catalog.internal.pg.Tables.PG_CONSTRAINT;
import static pum.catalog.internal.pg.Tables.PG_ENUM;
import static pum.catalog.internal.pg.Tables.PG_NAMESPACE;
import static pum.catalog.internal.pg.Tables.PG_PROC;
import static pum.catalog.internal.pg.Tables.PG_TYPE;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import pum.catalog.Details;
import pum.catalog.Names;
import pum.catalog.internal.pg.Routines;
import pum.catalog.internal.pg.tables.PgAttribute;
import pum.catalog.internal.pg.tables.PgClass;
import pum.catalog.internal.pg.tables.PgConstraint;
import pum.catalog.internal.pg.tables.PgEnum;
import pum.catalog.internal.pg.tables.PgNamespace;
import pum.catalog.internal.pg.tables.PgProc;
import pum.catalog.internal.pg.tables.PgType;

/** Reads {@link Details}: one query per fact, in one read-only transaction with search_path = pg_catalog. */
public final class DetailsReader {
    private static final Settings SETTINGS = new Settings()
            .withStatementType(StatementType.STATIC_STATEMENT)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withExecuteLogging(false)
            .withRenderSchema(true);

    private DetailsReader() {
    }

    /** Reads everything; the caller maps SQLException. */
    public static Details read(Connection connection, Set<String> excludedSchemas) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        java.sql.Savepoint savepoint = null;
        try {
            if (autoCommit) {
                connection.setAutoCommit(false);
                try (Statement st = connection.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
            } else {
                savepoint = connection.setSavepoint();
            }
            try (Statement st = connection.createStatement()) {
                // every user name the server prints comes out schema-qualified
                st.execute("SET LOCAL search_path = pg_catalog");
            }
            Server server = new Server(pum.core.PgText.serverVersionNum(connection));
            DSLContext ctx = DSL.using(connection, SQLDialect.POSTGRES, SETTINGS);
            Scope scope = new Scope(excludedSchemas, server);
            return new Details(functions(ctx, scope), inheritedConstraints(ctx, scope), partitionIndexes(ctx, scope),
                    enumLabels(ctx, scope), compositeAttributes(ctx, scope), domainChecks(ctx, scope),
                    DependencyReader.read(ctx, scope), AggregateReader.read(ctx, scope), ForeignServerReader.wrappers(ctx, scope),
                    ForeignServerReader.servers(ctx, scope), ForeignTableReader.read(ctx, scope), GrantReader.read(ctx, scope));
        } finally {
            if (savepoint != null) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static Map<String, String> functions(DSLContext ctx, Scope scope) {
        PgProc p = PG_PROC.as("p");
        PgNamespace n = PG_NAMESPACE.as("n");
        Map<String, String> defs = new HashMap<>();
        // pg_get_functiondef refuses aggregates
        Rows.fetch(ctx.select(n.NSPNAME, p.PRONAME, Routines.pgGetFunctionIdentityArguments(p.OID), Routines.pgGetFunctiondef(p.OID))
                .from(p)
                .join(n).on(n.OID.eq(p.PRONAMESPACE))
                .where(p.PROKIND.in(inline("f"), inline("p"), inline("w")))
                .and(scope.schema(n))
                .and(scope.inScope(p.OID, Scope.PG_PROC)),
                (schema, name, arguments, def) -> defs.put(Names.qualify(schema, name) + "(" + arguments + ")", def));
        return defs;
    }

    private static Set<String> inheritedConstraints(DSLContext ctx, Scope scope) {
        PgConstraint k = PG_CONSTRAINT.as("k");
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        Set<String> names = new HashSet<>();
        Rows.fetch(ctx.select(n.NSPNAME, c.RELNAME, k.CONNAME)
                .from(k)
                .join(c).on(c.OID.eq(k.CONRELID))
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(k.CONISLOCAL.isFalse())
                .and(scope.schema(n)),
                (schema, table, name) -> names.add(Names.qualify(schema, table, name)));
        return names;
    }

    private static Set<String> partitionIndexes(DSLContext ctx, Scope scope) {
        PgClass c = PG_CLASS.as("c");
        PgNamespace n = PG_NAMESPACE.as("n");
        Set<String> names = new HashSet<>();
        Rows.fetch(ctx.select(n.NSPNAME, c.RELNAME)
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.in(inline("i"), inline("I")))
                .and(DSL.condition(c.RELISPARTITION))
                .and(scope.schema(n)),
                (schema, index) -> names.add(Names.qualify(schema, index)));
        return names;
    }

    private static Map<String, List<String>> enumLabels(DSLContext ctx, Scope scope) {
        PgType t = PG_TYPE.as("t");
        PgNamespace n = PG_NAMESPACE.as("n");
        PgEnum e = PG_ENUM.as("e");
        Map<String, List<String>> labels = new HashMap<>();
        Rows.fetch(ctx.select(n.NSPNAME, t.TYPNAME, e.ENUMLABEL)
                .from(e)
                .join(t).on(t.OID.eq(e.ENUMTYPID))
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .where(scope.schema(n))
                .and(scope.inScope(t.OID, Scope.PG_TYPE))
                .orderBy(e.ENUMSORTORDER),
                (schema, type, label) -> labels.computeIfAbsent(Names.qualify(schema, type), k -> new ArrayList<>()).add(label));
        labels.replaceAll((k, v) -> List.copyOf(v));
        return labels;
    }

    private static Map<String, List<String>> compositeAttributes(DSLContext ctx, Scope scope) {
        PgType t = PG_TYPE.as("t");
        PgNamespace n = PG_NAMESPACE.as("n");
        PgClass c = PG_CLASS.as("c");
        PgAttribute a = PG_ATTRIBUTE.as("a");
        Map<String, List<String>> attributes = new HashMap<>();
        Rows.fetch(ctx.select(n.NSPNAME, t.TYPNAME, a.ATTNAME, Routines.formatType(a.ATTTYPID, a.ATTTYPMOD))
                .from(t)
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .join(c).on(c.OID.eq(t.TYPRELID).and(c.RELKIND.eq(inline("c"))))
                .join(a).on(a.ATTRELID.eq(c.OID).and(a.ATTNUM.gt(inline((short) 0))).and(a.ATTISDROPPED.isFalse()))
                .where(t.TYPTYPE.eq(inline("c")))
                .and(scope.schema(n))
                .and(scope.inScope(t.OID, Scope.PG_TYPE))
                .orderBy(a.ATTNUM),
                (schema, type, attribute, attributeType) -> attributes.computeIfAbsent(Names.qualify(schema, type), k -> new ArrayList<>())
                        .add(Names.quote(attribute) + " " + attributeType));
        attributes.replaceAll((k, v) -> List.copyOf(v));
        return attributes;
    }

    private static Map<String, List<String>> domainChecks(DSLContext ctx, Scope scope) {
        PgConstraint k = PG_CONSTRAINT.as("k");
        PgType t = PG_TYPE.as("t");
        PgNamespace n = PG_NAMESPACE.as("n");
        Map<String, List<String>> checks = new HashMap<>();
        Rows.fetch(ctx.select(n.NSPNAME, t.TYPNAME, k.CONNAME, Routines.pgGetConstraintdef1(k.OID))
                .from(k)
                .join(t).on(t.OID.eq(k.CONTYPID))
                .join(n).on(n.OID.eq(t.TYPNAMESPACE))
                .where(k.CONTYPE.eq(inline("c")))
                .and(scope.schema(n))
                .orderBy(k.CONNAME),
                (schema, domain, name, def) -> checks.computeIfAbsent(Names.qualify(schema, domain), x -> new ArrayList<>())
                        .add("CONSTRAINT " + Names.quote(name) + " " + def));
        checks.replaceAll((x, v) -> List.copyOf(v));
        return checks;
    }
}
