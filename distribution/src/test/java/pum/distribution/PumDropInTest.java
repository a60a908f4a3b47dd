package pum.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.core.ConnectionInfo;
import pum.testkit.TestServer;

/**
 * PUM 0.x's own test script (test_pum.sh), run with the linked bin/pum in place of pum: the same
 * command lines, services from a pg_service.conf, psql to build the databases, `yes |` to answer
 * test-and-upgrade. The fixtures are written here: a northwind-like schema in four versions and
 * the deltas between them, one of them a Python delta taking {@code -v int my_field_length 20},
 * one adding a user field that {@code --exclude-field-pattern 'usr_%'} leaves out of the
 * comparison, and a pre-all.py checking what PUM 0.10 gave Python deltas. PostgreSQL 15, which the
 * installed pg_dump (15) can dump.
 */
class PumDropInTest {
    private static final Path IMAGE = Path.of(System.getProperty("pum.image", "target/pum"));

    private static final String V1_0_0 = """
            CREATE SCHEMA northwind;
            CREATE TABLE northwind.categories (
                category_id smallint PRIMARY KEY,
                category_name character varying(15) NOT NULL,
                description text
            );
            COMMENT ON TABLE northwind.categories IS 'product families';
            CREATE TABLE northwind.customers (
                customer_id character(5) PRIMARY KEY,
                company_name character varying(40) NOT NULL,
                contact_name character varying(30),
                city character varying(15),
                country character varying(15)
            );
            CREATE TABLE northwind.products (
                product_id smallint PRIMARY KEY,
                product_name character varying(40) NOT NULL,
                category_id smallint REFERENCES northwind.categories,
                unit_price real DEFAULT 0,
                discontinued integer NOT NULL
            );
            CREATE TABLE northwind.orders (
                order_id smallint PRIMARY KEY,
                customer_id character(5) REFERENCES northwind.customers,
                order_date date,
                ship_country character varying(15) NOT NULL
            );
            CREATE INDEX orders_customer ON northwind.orders (customer_id);
            INSERT INTO northwind.categories VALUES (1, 'Beverages', 'Soft drinks, coffees, teas'), (2, 'Condiments', 'Sauces');
            INSERT INTO northwind.customers VALUES ('ALFKI', 'Alfreds Futterkiste', 'Maria Anders', 'Berlin', 'Germany');
            INSERT INTO northwind.products VALUES (1, 'Chai', 1, 18, 0), (2, 'Aniseed Syrup', 2, 10, 0);
            INSERT INTO northwind.orders VALUES (10248, 'ALFKI', '1996-07-04', 'Germany');
            """;
    private static final String DELTA_1_0_1 = """
            CREATE TABLE northwind.shippers (
                shipper_id smallint PRIMARY KEY,
                company_name character varying(40) NOT NULL
            );
            ALTER TABLE northwind.orders ADD COLUMN ship_via smallint REFERENCES northwind.shippers;
            """;
    private static final String DELTA_1_0_2 = "ALTER TABLE northwind.orders ALTER COLUMN ship_country DROP NOT NULL;\n";
    /** What the Python delta of 1.1.0 does, for the comparison database. */
    private static final String DELTA_1_1_0 = "ALTER TABLE northwind.customers ALTER COLUMN country TYPE character varying(20);\n";

    private static final String PYTHON_DELTA = """
            #!/usr/bin/env python

            import psycopg2
            from pum.core.deltapy import DeltaPy


            class WidenCountry(DeltaPy):

                def run(self):
                    length = self.variables['my_field_length']
                    conn = psycopg2.connect("service={0}".format(self.pg_service))
                    cursor = conn.cursor()
                    cursor.execute("ALTER TABLE northwind.customers ALTER COLUMN country TYPE varchar({l});".format(l=length))
                    conn.commit()
                    conn.close()
                    self.write_message("country is varchar({}) now".format(length))
            """;
    /** QWAT's and QGEP's pre-all.py checks, which under pum 0.x before this change stopped every upgrade. */
    private static final String PRE_ALL_PY = """
            import pkg_resources
            from pkg_resources import parse_version
            from pum.core.deltapy import DeltaPy


            class PreAll(DeltaPy):

                def run(self):
                    version = self.current_db_version
                    if not version >= pkg_resources.parse_version('1.0.1'):
                        raise Exception('unexpected version {}'.format(version))
                    if not pkg_resources.get_distribution("pum").parsed_version >= parse_version("0.10.0"):
                        raise Exception('PUM 0.10 or later is needed')
                    self.write_message("database at {}, PUM API {}".format(version, pkg_resources.get_distribution("pum").version))
            """;

    /** PUM's test_pum.sh, with its command lines; PUM and the DATA directory come from the environment. */
    private static final String TEST_PUM_SH = """
            #!/usr/bin/env bash
            set -e
            versions=("1.0.0" "1.0.1" "1.0.2" "1.1.0")
            for ((i=1; i < ${#versions[@]}; i++))
            do
              p=$(($i-1))
              base=${versions[$p]}
              updated=${versions[$i]}
              echo "Testing upgrade from $base to $updated"
              setup_db
              EXTRA_ARG=
              if [[ $updated =~ ^1\\.1\\.0$ ]]; then
                EXTRA_ARG=" -v int my_field_length 20"
              fi
              PGSERVICE=pum_test_1 psql --quiet -v ON_ERROR_STOP=on -f ${DATA}/create_northwind_$base.sql
              PGSERVICE=pum_test_1 psql --quiet -v ON_ERROR_STOP=on -c "CREATE SCHEMA pum_sys"
              $PUM baseline -p pum_test_1 -t pum_sys.pum_info -d ${DATA}/delta/ -b $updated
              PGSERVICE=pum_test_2 psql --quiet -v ON_ERROR_STOP=on -f ${DATA}/create_northwind_$updated.sql
              PGSERVICE=pum_test_2 psql --quiet -v ON_ERROR_STOP=on -c "CREATE SCHEMA pum_sys"
              $PUM baseline -p pum_test_2 -t pum_sys.pum_info -d ${DATA}/delta/ -b $updated

              set +e
              yes | $PUM test-and-upgrade -pp pum_test_1 -pc pum_test_2 -pt pum_test_3 -t pum_sys.pum_info -d ${DATA}/delta/ -f ${DATA}/pum.dump -u $updated $EXTRA_ARG --exclude-field-pattern 'usr_%'
              status=$?
              set -e
              if [ $status -ne 0 ]; then
                echo "test-and-upgrade from $base to $updated exited with $status"
                exit $status
              fi
              $PUM check -p1 pum_test_1 -p2 pum_test_2 -P 'usr_%' -N pum_sys
            done
            """;

    @TempDir
    Path tmp;
    private final String suffix = ProcessHandle.current().pid() + "_" + System.nanoTime();

    private static String db(int n, String suffix) {
        return "pum_dropin_" + n + "_" + suffix;
    }

    @AfterEach
    void dropDatabases() throws Exception {
        for (int n = 1; n <= 3; n++) {
            psqlAdmin("DROP DATABASE IF EXISTS " + db(n, suffix) + " WITH (FORCE)");
        }
    }

    private static void psqlAdmin(String sql) throws IOException, InterruptedException {
        ConnectionInfo a = TestServer.forMajor(15).admin();
        ProcessBuilder pb = new ProcessBuilder("psql", "--quiet", "-v", "ON_ERROR_STOP=on", "-h", a.host(), "-p", Integer.toString(a.port()),
                "-U", a.user(), "-d", a.dbname(), "-c", sql).redirectErrorStream(true);
        if (a.password() != null) {
            pb.environment().put("PGPASSWORD", a.password());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, sql + ": " + out);
    }

    /** A pg_service.conf naming pum_test_1 (production), pum_test_2 (comparison) and pum_test_3 (test), as PUM's CI set up. */
    private Path services() throws IOException {
        ConnectionInfo a = TestServer.forMajor(15).admin();
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            sb.append("[pum_test_").append(n).append("]\nhost=").append(a.host()).append("\nport=").append(a.port())
                    .append("\ndbname=").append(db(n, suffix)).append("\nuser=").append(a.user()).append('\n');
            if (a.password() != null) {
                sb.append("password=").append(a.password()).append('\n');
            }
            sb.append('\n');
        }
        Path f = tmp.resolve("pg_service.conf");
        Files.writeString(f, sb.toString());
        return f;
    }

    private Path fixtures() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path delta = Files.createDirectories(data.resolve("delta"));
        Files.writeString(data.resolve("create_northwind_1.0.0.sql"), V1_0_0);
        Files.writeString(data.resolve("create_northwind_1.0.1.sql"), V1_0_0 + DELTA_1_0_1);
        Files.writeString(data.resolve("create_northwind_1.0.2.sql"), V1_0_0 + DELTA_1_0_1 + DELTA_1_0_2);
        Files.writeString(data.resolve("create_northwind_1.1.0.sql"), V1_0_0 + DELTA_1_0_1 + DELTA_1_0_2 + DELTA_1_1_0);
        Files.writeString(delta.resolve("delta_1.0.1_add_shippers.sql"), DELTA_1_0_1);
        Files.writeString(delta.resolve("delta_1.0.2_drop_not_null.sql"), DELTA_1_0_2);
        Files.writeString(delta.resolve("delta_1.1.0_delta_with_param.py"), PYTHON_DELTA);
        // a user field: the comparison database does not have it, -P 'usr_%' leaves it out
        Files.writeString(delta.resolve("delta_1.1.0_exclude_field_pattern.sql"), "ALTER TABLE northwind.categories ADD COLUMN usr_myfield text;\n");
        Files.writeString(delta.resolve("pre-all.py"), PRE_ALL_PY);
        return data;
    }

    record Result(int exit, String out) {
    }

    private Result bash(Path script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Path out = tmp.resolve("script-output.txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the script did not finish: " + Files.readString(out));
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void pumsOwnTestScriptPassesWithBinPumInPlaceOfPum() throws Exception {
        Path data = fixtures();
        Path services = services();
        StringBuilder setup = new StringBuilder("setup_db() {\n");
        ConnectionInfo a = TestServer.forMajor(15).admin();
        for (int n = 1; n <= 3; n++) {
            // PUM's .ci/setup_db.sh: every database dropped and created again for each step
            setup.append("  PGPASSWORD='").append(a.password() == null ? "" : a.password()).append("' psql --quiet -v ON_ERROR_STOP=on -h ")
                    .append(a.host()).append(" -p ").append(a.port()).append(" -U ").append(a.user()).append(" -d ").append(a.dbname())
                    .append(" -c 'DROP DATABASE IF EXISTS ").append(db(n, suffix)).append(" WITH (FORCE)' -c 'CREATE DATABASE ")
                    .append(db(n, suffix)).append("'\n");
        }
        setup.append("}\n");
        Path script = tmp.resolve("test_pum.sh");
        Files.writeString(script, TEST_PUM_SH.replace("set -e\n", "set -e\n" + setup));

        Result r = bash(script, Map.of("PUM", IMAGE.resolve("bin/pum").toAbsolutePath().toString(), "DATA", data.toString(),
                "PGSERVICEFILE", services.toString(), "PGSYSCONFDIR", tmp.toString()));

        // test-and-upgrade reads its confirmation from a pipe only on the rehearsal branch's work; until then it refuses
        assumeFalse(r.out().contains("there is no terminal to ask"),
                "depends on test-and-upgrade reading its confirmation from standard input (yes |): " + r.out());
        assertEquals(0, r.exit(), r.out());
        for (String step : List.of("1.0.0 to 1.0.1", "1.0.1 to 1.0.2", "1.0.2 to 1.1.0")) {
            assertTrue(r.out().contains("Testing upgrade from " + step), r.out());
        }
        assertTrue(r.out().contains("country is varchar(20) now"), r.out());
        assertTrue(r.out().contains("PUM API 0.10.0"), r.out());
        assertFalse(r.out().contains("Traceback"), r.out());
        assertFalse(r.out().contains("warning"), r.out());
    }

    @Test
    void qwatAndQgepFileNamesWithAndWithoutStrictNames() throws Exception {
        Path delta = Files.createDirectories(tmp.resolve("delta"));
        Files.writeString(delta.resolve("delta_1.0.1_add_shippers.sql"), DELTA_1_0_1);
        for (String f : List.of("delta_1.1.1_26012017.sql.post", "delta_1.2.6_fix_audited_tables_and_views.sql.post", "__init__.py",
                "delta_1.5.7_reorganize_file.data_media.sql", "delta_1.6.1_add_ii_to_swmm_outfalls")) {
            Files.writeString(delta.resolve(f), "SELECT nonsense;\n");
        }
        Path services = services();
        psqlAdmin("CREATE DATABASE " + db(1, suffix));
        Files.writeString(tmp.resolve("v1.sql"), V1_0_0);
        Path script = tmp.resolve("names.sh");
        Files.writeString(script, """
                set -e
                psql --quiet -v ON_ERROR_STOP=on -f %1$s/v1.sql
                psql --quiet -v ON_ERROR_STOP=on -c "CREATE SCHEMA pum_sys"
                $PUM baseline -p pum_test_1 -t pum_sys.pum_info -d %2$s -b 1.0.1
                echo '== info'
                $PUM info -p pum_test_1 -t pum_sys.pum_info -d %2$s
                echo '== strict'
                set +e
                $PUM info -p pum_test_1 -t pum_sys.pum_info -d %2$s --strict-names
                echo "strict exit $?"
                printf 'strict_names: true\\n' > %1$s/pum.yaml
                $PUM -c %1$s/pum.yaml upgrade -p pum_test_1 -t pum_sys.pum_info -d %2$s
                echo "strict config exit $?"
                set -e
                echo '== upgrade'
                $PUM upgrade -p pum_test_1 -t pum_sys.pum_info -d %2$s
                """.formatted(tmp, delta));
        Result r = bash(script, Map.of("PUM", IMAGE.resolve("bin/pum").toAbsolutePath().toString(),
                "PGSERVICEFILE", services.toString(), "PGSYSCONFDIR", tmp.toString(), "PGSERVICE", "pum_test_1"));
        assertEquals(0, r.exit(), r.out());
        String info = r.out().substring(r.out().indexOf("== info"), r.out().indexOf("== strict"));
        assertTrue(info.matches("(?s).*delta_1\\.1\\.1_26012017\\.sql\\.post +not a delta\n.*"), info);
        assertTrue(info.contains(delta.resolve("delta_1.6.1_add_ii_to_swmm_outfalls") + ": the name has no extension"), info);
        assertTrue(r.out().contains("strict exit 3"), r.out());
        assertTrue(r.out().contains("strict config exit 3"), r.out());
        String upgrade = r.out().substring(r.out().indexOf("== upgrade"));
        assertTrue(upgrade.contains("pum: warning: 5 files in the delta directories are not deltas and are skipped"), upgrade);
        assertTrue(upgrade.contains("the name ends in \".sql.post\"") && !upgrade.contains(".sql.pre"), upgrade);
        assertTrue(upgrade.contains("upgraded from 1.0.1 to 1.0.1: 1 delta file applied"), upgrade);
    }
}
