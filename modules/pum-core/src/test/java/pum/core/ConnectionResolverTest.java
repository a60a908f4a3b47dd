package pum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq's rules for services, URIs, conninfo strings, PG* variables and ~/.pgpass. */
class ConnectionResolverTest {
    @TempDir
    Path home;

    private ConnectionResolver resolver(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        // keep the machine's /etc/postgresql-common out of the tests
        e.putIfAbsent("PGSYSCONFDIR", home.resolve("sysconf").toString());
        return new ConnectionResolver(new PgEnvironment(e, home, "osuser"));
    }

    private Path write(String name, String text) throws IOException {
        Path p = home.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void serviceFromUserFile() throws IOException {
        write(".pg_service.conf", "# comment\n[qwat]\nhost=db1\nport=5433\ndbname=qwat\nuser=qwat_user\n\n[other]\nhost=x\n");
        ConnectionInfo info = resolver(Map.of()).resolve("qwat");
        assertEquals("db1", info.host());
        assertEquals(5433, info.port());
        assertEquals("qwat", info.dbname());
        assertEquals("qwat_user", info.user());
        assertTrue(info.describe().startsWith("service \"qwat\""), info.describe());
    }

    @Test
    void serviceOnlyInSystemFileIsFound() throws IOException {
        write(".pg_service.conf", "[mine]\nhost=a\n");
        write("sysconf/pg_service.conf", "[shared]\nhost=b\ndbname=prod\n");
        ConnectionInfo info = resolver(Map.of()).resolve("shared");
        assertEquals("b", info.host());
        assertEquals("prod", info.dbname());
    }

    @Test
    void userFileWinsOverSystemFileAndPgServiceFileIsUsed() throws IOException {
        Path custom = write("custom.conf", "[s]\nhost=fromcustom\n");
        write("sysconf/pg_service.conf", "[s]\nhost=fromsystem\n");
        assertEquals("fromcustom", resolver(Map.of("PGSERVICEFILE", custom.toString())).resolve("s").host());
    }

    @Test
    void libpqOnlyKeysDoNotBreakAService() throws IOException {
        write(".pg_service.conf", "[s]\nhost=h\napplication_name=qgis\nsslmode=disable\nkeepalives=1\n");
        ConnectionInfo info = resolver(Map.of()).resolve("s");
        assertEquals("h", info.host());
        assertEquals("qgis", info.options().get("application_name"));
        assertEquals("disable", info.options().get("sslmode"));
    }

    @Test
    void unknownServiceNamesTheServiceAndTheFilesSearched() throws IOException {
        write(".pg_service.conf", "[a]\nhost=h\n");
        PumException e = assertThrows(PumException.class, () -> resolver(Map.of()).resolve("nosuch"));
        assertEquals(ErrorCode.CONNECTION, e.code());
        assertTrue(e.getMessage().contains("service \"nosuch\" not found"), e.getMessage());
        assertTrue(e.getMessage().contains(".pg_service.conf"), e.getMessage());
    }

    @Test
    void pgServiceVariableAndEnvironmentDefaults() throws IOException {
        write(".pg_service.conf", "[s]\ndbname=fromservice\n");
        ConnectionInfo info = resolver(Map.of("PGSERVICE", "s", "PGHOST", "envhost", "PGPORT", "6000", "PGUSER", "envuser",
                "PGDATABASE", "envdb")).resolve("host=explicit");
        assertEquals("explicit", info.host(), "explicit beats environment");
        assertEquals("fromservice", info.dbname(), "service beats environment");
        assertEquals(6000, info.port());
        assertEquals("envuser", info.user());
    }

    @Test
    void defaultsAreLocalhostAndTheOsUser() {
        ConnectionInfo info = resolver(Map.of()).resolve("port=5432");
        assertEquals("localhost", info.host());
        assertEquals("osuser", info.user());
        assertEquals("osuser", info.dbname());
    }

    @Test
    void uriWithEverything() {
        ConnectionInfo info = resolver(Map.of()).resolve("postgresql://al%40ice:s3cr%3At@db.example:5444/my%20db?sslmode=require&application_name=x");
        assertEquals("db.example", info.host());
        assertEquals(5444, info.port());
        assertEquals("my db", info.dbname());
        assertEquals("al@ice", info.user());
        assertEquals("s3cr:t", info.password());
        assertEquals("require", info.options().get("sslmode"));
        assertTrue(!info.describe().contains("s3cr"), "password never in descriptions: " + info.describe());
    }

    @Test
    void uriWithIpv6AndNoPort() {
        ConnectionInfo info = resolver(Map.of()).resolve("postgres://[::1]/db");
        assertEquals("::1", info.host());
        assertEquals(5432, info.port());
    }

    @Test
    void conninfoQuotingAndEscapes() {
        ConnectionInfo info = resolver(Map.of()).resolve("host = h  dbname='my \\'db\\'' password=p\\ q user=u");
        assertEquals("my 'db'", info.dbname());
        assertEquals("p q", info.password());
        assertEquals("u", info.user());
    }

    @Test
    void malformedConninfoIsAUsageErrorWithoutThePassword() {
        PumException e = assertThrows(PumException.class, () -> resolver(Map.of()).resolve("host=h password='secret"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void pgpassFileMatchesWithWildcardsAndEscapes() throws IOException {
        Path pgpass = write(".pgpass", "# comment\nother:*:*:*:nope\ndb1:5432:*:u\\:x:pa\\:ss\n*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertEquals("pa:ss", resolver(Map.of()).resolve("host=db1 user=u:x dbname=d").password());
        assertEquals("fallback", resolver(Map.of()).resolve("host=db2 user=u dbname=d").password());
        assertEquals("given", resolver(Map.of()).resolve("host=db2 user=u password=given").password(), "explicit password wins");
        assertEquals("env", resolver(Map.of("PGPASSWORD", "env")).resolve("host=db2 user=u").password(), "PGPASSWORD beats .pgpass");
    }

    @Test
    void pgpassReadableByOthersIsIgnoredAsLibpqDoes() throws IOException {
        Path pgpass = write(".pgpass", "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertNull(resolver(Map.of()).resolve("host=h").password());
    }

    @Test
    void pgpassFileFromPgpassfileVariable() throws IOException {
        Path pgpass = write("elsewhere/pass", "*:*:*:*:fromvar\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertEquals("fromvar", resolver(Map.of("PGPASSFILE", pgpass.toString())).resolve("host=h").password());
    }

    @Test
    void socketDirectoryBecomesLocalhost() {
        assertEquals("localhost", resolver(Map.of("PGHOST", "/var/run/postgresql")).resolve("dbname=x").host());
    }

    private PumException usage(Map<String, String> env, String spec) {
        PumException e = assertThrows(PumException.class, () -> resolver(env).resolve(spec));
        assertEquals(ErrorCode.USAGE, e.code(), e.getMessage());
        return e;
    }

    @Test
    void unknownAndUpperCaseKeywordsAreRefusedEverywhere() throws IOException {
        assertTrue(usage(Map.of(), "host=h foo=bar").getMessage().contains("invalid connection option \"foo\""));
        PumException upper = usage(Map.of(), "HOST=h");
        assertTrue(upper.getMessage().contains("\"HOST\"") && upper.hint().contains("write host"), upper.getMessage() + upper.hint());
        assertTrue(usage(Map.of(), "postgresql://h/d?foo=1").getMessage().contains("invalid URI query parameter \"foo\""));
        assertTrue(usage(Map.of(), "postgresql://h/d?ssl=false").getMessage().contains("\"ssl\""));
        assertEquals("require", resolver(Map.of()).resolve("postgresql://h/d?ssl=true").options().get("sslmode"));
        write(".pg_service.conf", "[s]\nhost=h\nbogus=1\n");
        PumException svc = usage(Map.of(), "s");
        assertTrue(svc.getMessage().contains("\"bogus\" in service file") && svc.getMessage().contains("line 3"), svc.getMessage());
    }

    @Test
    void malformedValuesAreUsageErrorsNamingWhereTheyCameFrom() throws IOException {
        assertTrue(usage(Map.of(), "host=h sslmode=requir").getMessage().contains("invalid sslmode value \"requir\""));
        assertTrue(usage(Map.of("PGSSLMODE", "nope"), "host=h").getMessage().contains("PGSSLMODE"));
        assertTrue(usage(Map.of("PGCONNECT_TIMEOUT", "soon"), "host=h").getMessage().contains("\"connect_timeout\""));
        assertTrue(usage(Map.of(), "host=h port=0").getMessage().contains("invalid port number"));
        assertTrue(usage(Map.of(), "postgresql://h:54x/d").getMessage().contains("\"54x\""));
        write(".pg_service.conf", "[s]\nhost=h\nport=five\n");
        assertTrue(usage(Map.of(), "s").getMessage().contains("service \"s\" in "));
        assertEquals(5433, resolver(Map.of()).resolve("host=h port=' 5433 '").port(), "libpq allows spaces around numbers");
    }

    @Test
    void pgServiceAloneNamesTheDatabase() throws IOException {
        write(".pg_service.conf", "[s]\nhost=fromservice\ndbname=d\n");
        ConnectionInfo info = resolver(Map.of("PGSERVICE", "s")).resolve(null);
        assertEquals("fromservice", info.host());
        assertTrue(info.describe().startsWith("PGSERVICE \"s\""), info.describe());
        PumException none = usage(Map.of(), null);
        assertTrue(none.getMessage().contains("missing required option -p"), none.getMessage());
    }

    @Test
    void mistypedUrisAreUsageErrorsWithoutThePassword() {
        for (String spec : new String[] {"postgresq://app:secret@h/d", "app:secret@h", "postgresql:/app:secret@h/d"}) {
            PumException e = usage(Map.of(), spec);
            assertTrue(!e.getMessage().contains("secret"), e.getMessage());
        }
        PumException at = usage(Map.of(), "postgresql://app:p@secret@h/d");
        assertTrue(at.hint().contains("%40") && !at.getMessage().contains("secret"), at.getMessage());
    }

    @Test
    void passfileKeywordAndFilesThatAreNotUsed() throws IOException {
        Path pass = write("p/pass", "*:*:*:*:fromkeyword\n");
        Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-------"));
        assertEquals("fromkeyword", resolver(Map.of()).resolve("host=h passfile=" + pass).password());
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Files.createDirectories(home.resolve(".pgpass"));
        ConnectionResolver r = new ConnectionResolver(new PgEnvironment(Map.of("PGSYSCONFDIR", home.resolve("x").toString()), home, "u"),
                warnings::add);
        assertNull(r.resolve("host=h").password());
        assertTrue(warnings.size() == 1 && warnings.get(0).contains("is not a plain file"), warnings.toString());
    }

    @Test
    void readableByOthersIsIgnoredWithAWarning() throws IOException {
        Path pgpass = write(".pgpass", "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r-----"));
        java.util.List<String> warnings = new java.util.ArrayList<>();
        ConnectionResolver r = new ConnectionResolver(new PgEnvironment(Map.of("PGSYSCONFDIR", home.resolve("x").toString()), home, "u"),
                warnings::add);
        assertNull(r.resolve("host=h").password());
        assertTrue(warnings.get(0).contains("has group or world access") && warnings.get(0).contains(pgpass.toString()), warnings.toString());
    }
}
