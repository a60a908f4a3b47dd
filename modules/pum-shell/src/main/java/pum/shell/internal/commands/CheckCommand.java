package pum.shell.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.ObjectKind;
import pum.catalog.Snapshot;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.JsonReport;
import pum.diff.TextReport;
import pum.shell.internal.Session;

/** {@code pum check -p1 A -p2 B}: tells how two databases' schemas differ (PUM's check). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compare the schemas of two databases and print the differences.",
                "Exit code 0 when they are equal, 1 when they differ, 2 and up on errors (see 'pum --help').",
                "Compared kinds: tables, columns, constraints, views, sequences, indexes, triggers, functions, rules",
                "(PUM's nine) and schemas, types, domains, extensions, policies, comments. See docs/check.md."})
public final class CheckCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-p1", "--pg_service1", "--pg-service1"}, required = true, paramLabel = "DB",
            description = "First database: service name, postgresql:// URI, key=value conninfo, or 'embedded[/NAME]'.")
    String first;

    @Option(names = {"-p2", "--pg_service2", "--pg-service2"}, required = true, paramLabel = "DB",
            description = "Second database, same forms as -p1.")
    String second;

    @Option(names = {"-i", "--ignore"}, arity = "1..*", paramLabel = "KIND",
            description = "Kinds not to compare: tables columns constraints views sequences indexes triggers functions rules"
                    + " schemas types domains extensions policies comments. Adds to ignore_elements of the config file.")
    List<String> ignore = new ArrayList<>();

    @Option(names = {"-N", "--exclude-schema"}, paramLabel = "SCHEMA",
            description = "Leave this schema out (exact name; repeatable).")
    List<String> excludedSchemas = new ArrayList<>();

    @Option(names = {"-P", "--exclude-field-pattern"}, paramLabel = "LIKE_PATTERN",
            description = "Do not report a changed field whose value on either side matches this SQL LIKE pattern (repeatable).")
    List<String> patterns = new ArrayList<>();

    @Option(names = {"-v", "--verbose_level", "--verbose-level"}, paramLabel = "0|1|2", defaultValue = "1",
            description = "0: counts per kind; 1: one line per difference (default); 2: long values in full.")
    int verbosity;

    @Option(names = {"-o", "--output_file", "--output-file"}, paramLabel = "FILE",
            description = "Write the report to this file instead of standard output.")
    Path outputFile;

    @Option(names = {"-s", "--silent"}, description = "Print no differences; only the exit code tells.")
    boolean silent;

    @Option(names = {"--format"}, paramLabel = "text|json", defaultValue = "text",
            description = "Report format: text (default) or json (stable, see docs/check.md).")
    String format;

    @Option(names = {"--column-order"}, description = "Also report columns whose position in their table differs.")
    boolean columnOrder;

    /** Made by the composition root. */
    public CheckCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (verbosity < 0 || verbosity > 2) {
            throw new PumException(ErrorCode.USAGE, "-v takes 0, 1 or 2, not " + verbosity, null, null);
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new PumException(ErrorCode.USAGE, "--format takes text or json, not " + format, null, null);
        }
        Catalog.warmUp();
        Set<ObjectKind> ignored = EnumSet.noneOf(ObjectKind.class);
        ignored.addAll(kinds(ignore, "-i", ErrorCode.USAGE));
        ignored.addAll(kinds(session.config().ignoreElements(), "ignore_elements in the config file", ErrorCode.CONFIG));

        CatalogOptions catalogOptions = CatalogOptions.excluding(excludedSchemas);
        long start = System.nanoTime();
        Snapshot[] snapshots = read(catalogOptions);
        long read = System.nanoTime();
        DiffResult result = Diff.compare(snapshots[0], snapshots[1], new DiffOptions(ignored, patterns, columnOrder));
        long compared = System.nanoTime();
        if (session.verbose()) {
            session.err().printf("pum: check: connected and read %d + %d objects in %d ms, compared in %d ms%n",
                    snapshots[0].size(), snapshots[1].size(), (read - start) / 1_000_000, (compared - read) / 1_000_000);
        }

        boolean toFile = outputFile != null;
        if (toFile || !silent) {
            String report = format.equals("json") ? JsonReport.render(result)
                    : header(result) + new TextReport(verbosity, !toFile && colorTerminal()).render(result);
            if (toFile) {
                write(report);
            } else {
                session.out().print(report);
                session.out().flush();
            }
        }
        return result.isEmpty() ? 0 : ErrorCode.DIFFERENCES.exitCode();
    }

    /**
     * Both snapshots. The first database is read on a background thread as soon as it is
     * connected, while the second is connected and read here: the two sides' queries are
     * independent, and the session (not thread-safe) is only touched from this thread.
     */
    private Snapshot[] read(CatalogOptions options) {
        Connection c1 = session.connection(first);
        CompletableFuture<Snapshot> s1 = CompletableFuture.supplyAsync(() -> Catalog.read(c1, options));
        Connection c2;
        Snapshot s2;
        try {
            // the same spec is the same session connection, already busy with the first read
            c2 = second.equals(first) ? c1 : session.connection(second);
            s2 = c2 == c1 ? null : Catalog.read(c2, options);
        } catch (RuntimeException e) {
            // let the first read finish before the session closes its connection
            s1.exceptionally(x -> null).join();
            throw e;
        }
        try {
            Snapshot one = s1.join();
            return new Snapshot[] {one, s2 == null ? one : s2};
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private String header(DiffResult result) {
        if (result.isEmpty() || verbosity == 0) {
            return "";
        }
        return "first:  " + session.resolve(first).describe() + "\nsecond: " + session.resolve(second).describe() + "\n";
    }

    private static Set<ObjectKind> kinds(List<String> labels, String where, ErrorCode code) {
        Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
        for (String label : labels == null ? List.<String>of() : labels) {
            for (String part : label.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                kinds.add(ObjectKind.fromLabel(part).orElseThrow(() -> new PumException(code,
                        "unknown element kind '" + part.trim() + "' in " + where,
                        "use one of " + Arrays.stream(ObjectKind.values()).map(ObjectKind::label).collect(Collectors.joining(", ")),
                        null)));
            }
        }
        return kinds;
    }

    private boolean colorTerminal() {
        String term = System.getenv("TERM");
        return session.out() == System.out && System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(term);
    }

    private void write(String report) {
        try {
            Files.writeString(outputFile, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PumException(ErrorCode.USAGE, "cannot write the report to " + outputFile + ": " + e.getMessage(),
                    "check that the directory exists and is writable", e);
        }
    }
}
