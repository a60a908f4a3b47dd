package pum.catalog.codegen;

import java.nio.file.Path;
import java.sql.Connection;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import pum.testkit.TestServer;

/**
 * Regenerates the checked-in jOOQ classes of pg_catalog under {@code pum.catalog.internal.pg}
 * from a PostgreSQL 17 started by the testkit. Run through the Maven profile
 * {@code regen-catalog} (see docs/check.md, "Regenerating the catalog classes").
 *
 * <p>Only the catalog relations and server functions that the readers use are generated: each
 * generated class is loaded at start-up, and a narrow set keeps pum's start time low.
 */
public final class RegenerateCatalogClasses {
    /** Catalog tables/views and functions pum reads; extend when a reader needs another one. */
    static final String INCLUDES = String.join("|",
            "pg_namespace", "pg_class", "pg_attribute", "pg_attrdef", "pg_constraint", "pg_index",
            "pg_sequence", "pg_trigger", "pg_proc", "pg_rewrite", "pg_type", "pg_enum", "pg_extension",
            "pg_policy", "pg_description", "pg_depend", "pg_inherits", "pg_collation", "pg_am",
            "pg_language", "pg_database", "pg_roles", "pg_aggregate", "pg_operator",
            "pg_foreign_data_wrapper", "pg_foreign_server", "pg_foreign_table",
            "pg_get_expr", "pg_get_indexdef", "pg_get_constraintdef", "pg_get_viewdef",
            "pg_get_functiondef", "pg_get_function_identity_arguments", "pg_get_function_result",
            "pg_get_function_arguments", "pg_get_function_sqlbody",
            "pg_get_triggerdef", "pg_get_ruledef", "pg_get_partkeydef", "format_type");

    private RegenerateCatalogClasses() {
    }

    /** args[0]: the module's src/main/java directory. */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        TestServer server = TestServer.forMajor(17);
        Configuration cfg = new Configuration()
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("pg_catalog")
                                .withIncludes(INCLUDES)
                                .withIncludeSequences(false)
                                .withIncludeIndexes(false)
                                .withIncludeUDTs(false)
                                .withIncludeDomains(false)
                                .withIncludePrimaryKeys(false)
                                .withIncludeUniqueKeys(false)
                                .withIncludeForeignKeys(false)
                                .withIncludeCheckConstraints(false))
                        .withGenerate(new Generate()
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withGlobalObjectReferences(true)
                                .withJavadoc(true)
                                .withComments(false)
                                .withGeneratedAnnotation(false))
                        .withTarget(new Target()
                                .withPackageName("pum.catalog.internal.pg")
                                .withDirectory(target.toString())
                                .withClean(true)));
        try (Connection c = pum.core.Database.connect(server.admin())) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(cfg);
        }
        System.exit(0);
    }
}
