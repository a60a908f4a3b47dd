package pum.catalog.internal;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/**
 * What the snapshot readers read with: the connection, the scope, and jOOQ's DSL, made on first
 * use only. A snapshot of the default scope runs pre-rendered SQL ({@link Prerendered}) and never
 * makes it: jOOQ's classes are then not even loaded, which is a third of the classes a
 * {@code check} would load otherwise.
 */
final class Reads {
    /** jOOQ's settings for the catalog queries, in a holder: the default scope never loads them. */
    private static final class Jooq {
        static final Settings SETTINGS = new Settings()
                // no bind values: "char" columns compare with plain literals, and no prepare round trip per query
                .withStatementType(StatementType.STATIC_STATEMENT)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false)
                .withRenderSchema(true);
    }

    /** The settings every catalog query is rendered with. */
    static Settings settings() {
        return Jooq.SETTINGS;
    }

    private final Connection connection;
    private final Scope scope;
    private DSLContext dsl;

    Reads(Connection connection, Scope scope) {
        this.connection = connection;
        this.scope = scope;
    }

    Connection connection() {
        return connection;
    }

    Scope scope() {
        return scope;
    }

    /** The DSL on this connection, with the catalog readers' settings (inlined values, static statements). */
    DSLContext dsl() {
        if (dsl == null) {
            dsl = DSL.using(connection, SQLDialect.POSTGRES, settings());
        }
        return dsl;
    }
}
