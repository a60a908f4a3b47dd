package pum.delta;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import pum.core.ErrorCode;
import pum.delta.internal.DeltaText;
import pum.delta.internal.SourceError;

/**
 * The delta files of one or more directories, validated and ordered.
 *
 * <p>Unlike PUM 0.x, which sorted each directory on its own and ran the directories one after
 * another, all versioned deltas are ordered by version wherever they live (ties: kind, language,
 * name, then directory order). pre-all files run in reverse directory order, post-all files in
 * directory order, as in PUM.
 */
public final class DeltaSet {
    private final List<Path> dirs;
    private final List<DeltaFile> versioned;
    private final List<DeltaFile> preAll;
    private final List<DeltaFile> postAll;
    private final Map<Path, String> checksums = new ConcurrentHashMap<>();

    private final List<Skipped> notDeltas;
    private final Map<String, List<DeltaFile>> rollbacks;

    /**
     * A file of a delta directory that resembles a delta but is not one (PUM 0.x skipped it
     * silently): {@code delta_1.1.1_x.sql.post}, {@code __init__.py}.
     *
     * @param path     the file
     * @param dirIndex position of its directory in the list of delta directories
     * @param reason   why it is not a delta, describing its actual name
     */
    public record Skipped(Path path, int dirIndex, String reason) {
    }

    private DeltaSet(List<Path> dirs, List<DeltaFile> versioned, List<DeltaFile> preAll, List<DeltaFile> postAll, List<Skipped> notDeltas,
                     Map<String, List<DeltaFile>> rollbacks) {
        this.rollbacks = Map.copyOf(rollbacks);
        this.dirs = List.copyOf(dirs);
        this.versioned = List.copyOf(versioned);
        this.preAll = List.copyOf(preAll);
        this.postAll = List.copyOf(postAll);
        this.notDeltas = List.copyOf(notDeltas);
    }

    /** As {@link #scan(List, List, boolean)} without strict names: files PUM skipped are skipped (see {@link #notDeltas()}). */
    public static DeltaSet scan(List<Path> dirs, List<String> ignore) {
        return scan(dirs, ignore, false);
    }

    /**
     * Reads the directories, one level deep (as PUM 0.x: sub-directories are not entered).
     * Hidden files and files matching an ignore pattern (a file name or a glob such as
     * {@code *.txt}, matched against the file name) are skipped, as are files that are plainly not
     * deltas (README.md). Files that resemble deltas but are not (names PUM 0.x skipped silently,
     * see {@link DeltaName}) are skipped and listed by {@link #notDeltas()}, or refused when
     * {@code strictNames} is set.
     *
     * @param strictNames whether a file that resembles a delta but is not one is an error
     * @throws DeltaException ({@link ErrorCode#CONFIG}) for a missing directory, a misnamed delta
     *         (all of them listed), or the same delta file name in two directories
     */
    public static DeltaSet scan(List<Path> dirs, List<String> ignore, boolean strictNames) {
        return scan(dirs, ignore, strictNames, false);
    }

    /**
     * As {@link #scan(List, List, boolean)}; with {@code tree}, the directories are read
     * recursively (rokso's object tree, {@code SCHEMA/KIND/OBJECT/delta_...}: the config's
     * {@code layout: tree}). The tree never changes the order: deltas still run by version.
     * Hidden directories are not entered.
     */
    public static DeltaSet scan(List<Path> dirs, List<String> ignore, boolean strictNames, boolean tree) {
        if (dirs.isEmpty()) {
            throw new DeltaException(ErrorCode.USAGE, "no delta directory given",
                    "pass -d DIR (several allowed) or set delta_dir in the config file", null);
        }
        java.util.Set<String> ignoredNames = new java.util.HashSet<>();
        List<PathMatcher> ignored = new ArrayList<>();
        for (String p : ignore) {
            if (p.indexOf('*') < 0 && p.indexOf('?') < 0 && p.indexOf('[') < 0 && p.indexOf('{') < 0) {
                ignoredNames.add(p);
            } else {
                ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            }
        }
        List<DeltaFile> versioned = new ArrayList<>();
        List<DeltaFile> preAll = new ArrayList<>();
        List<DeltaFile> postAll = new ArrayList<>();
        List<String> misnamed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        Map<String, List<DeltaFile>> rollbacks = new HashMap<>();
        for (int d = 0; d < dirs.size(); d++) {
            Path dir = dirs.get(d);
            if (!Files.isDirectory(dir)) {
                throw new DeltaException(ErrorCode.CONFIG, "delta directory " + dir + " does not exist or is not a directory",
                        "check -d or delta_dir in the config file (relative paths start from the working directory)", null);
            }
            // File.list: one call returning names, cheaper than a Path per entry (the no-op upgrade's budget)
            String[] names = tree ? treeNames(dir) : dir.toFile().list();
            if (names == null) {
                throw new DeltaException(ErrorCode.CONFIG, "cannot read delta directory " + dir, null, null);
            }
            java.util.Arrays.sort(names);
            for (String relative : names) {
                String name = relative.substring(relative.lastIndexOf('/') + 1);
                if (name.startsWith(".") || ignoredNames.contains(name) || (!ignored.isEmpty() && matches(ignored, Path.of(name)))) {
                    continue;
                }
                DeltaName n = DeltaName.parse(name);
                Path p = dir.resolve(relative);
                switch (n.outcome()) {
                    case DELTA -> {
                        DeltaFile f = DeltaFile.of(p, d, n);
                        if (f.kind() == DeltaFile.Kind.PRE_ALL) {
                            preAll.add(f);
                        } else if (f.kind() == DeltaFile.Kind.POST_ALL) {
                            postAll.add(f);
                        } else {
                            Path other = seen.putIfAbsent(f.fileName(), p);
                            if (other != null) {
                                throw new DeltaException(ErrorCode.CONFIG, "delta " + f.fileName() + " exists in two directories: " + other + " and " + p,
                                        "the upgrades table identifies deltas by file name: rename one of them", null);
                            }
                            versioned.add(f);
                        }
                    }
                    case NOT_A_DELTA -> {
                        // only names that are not deltas are checked: a stat per delta file would slow every no-op upgrade
                        if (n.resemblesDelta() && !Files.isDirectory(p)) {
                            if (strictNames) {
                                misnamed.add(p + ": " + n.reason());
                            } else {
                                skipped.add(new Skipped(p, d, n.reason()));
                            }
                        }
                    }
                    case ROLLBACK -> {
                        Path other = seen.putIfAbsent(name, p);
                        if (other != null) {
                            throw new DeltaException(ErrorCode.CONFIG, "rollback file " + name + " exists in two directories: " + other + " and " + p,
                                    "rename one of them", null);
                        }
                        rollbacks.computeIfAbsent(n.version() + "/" + n.name(), k -> new ArrayList<>())
                                .add(new DeltaFile(p, d, DeltaFile.Kind.DELTA, n.language(), n.version(), n.name()));
                    }
                    case MISNAMED -> {
                        if (!Files.isDirectory(p)) {
                            misnamed.add(p + ": " + n.reason());
                        }
                    }
                }
            }
        }
        if (!misnamed.isEmpty()) {
            throw new DeltaException(ErrorCode.CONFIG, (misnamed.size() == 1 ? "misnamed delta file " + misnamed.get(0) + "; "
                    : misnamed.size() + " misnamed delta files:\n  " + String.join("\n  ", misnamed) + "\n")
                    + DeltaFile.EXPECTED_SUFFIX.substring(2) + DeltaFile.EXPECTED_FORMS + "; nothing was applied",
                    "rename them, or list deliberate non-delta files under ignore_files in the config file (or --ignore-file NAME)"
                            + (strictNames ? "; without strict_names, files PUM 0.x skipped are skipped with a warning" : ""), null);
        }
        versioned.sort(DeltaFile.ORDER);
        // PUM: pre-all of later directories first; post-all of earlier directories first; within one
        // directory the Java (or Python) file before the SQL file.
        preAll.sort((a, b) -> a.dirIndex() != b.dirIndex() ? Integer.compare(b.dirIndex(), a.dirIndex()) : a.language().compareTo(b.language()));
        postAll.sort((a, b) -> a.dirIndex() != b.dirIndex() ? Integer.compare(a.dirIndex(), b.dirIndex()) : a.language().compareTo(b.language()));
        return new DeltaSet(dirs, versioned, preAll, postAll, skipped, rollbacks);
    }

    /** Every regular file below {@code dir}, as sorted relative paths with '/', hidden directories left out. */
    private static String[] treeNames(Path dir) {
        List<String> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                Path rel = dir.relativize(p);
                for (Path part : rel) {
                    if (part.toString().startsWith(".")) {
                        return;
                    }
                }
                out.add(rel.toString().replace('\\', '/'));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DeltaException(ErrorCode.CONFIG, "cannot read delta directory " + dir + ": " + e.getMessage(), null, null);
        }
        return out.toArray(new String[0]);
    }

    /**
     * The rollback companions of a delta's version and name part ({@code delta_1.2.0_x.rollback.sql}
     * reverts every file {@code delta_1.2.0_x.*}), SQL before Java; empty when there is none.
     */
    public List<DeltaFile> rollbacksOf(Version version, String name) {
        List<DeltaFile> r = new ArrayList<>(rollbacks.getOrDefault(version + "/" + name, List.of()));
        r.sort(java.util.Comparator.comparing(DeltaFile::language));
        return r;
    }

    /** Every rollback companion, in version order. */
    public List<DeltaFile> rollbacks() {
        List<DeltaFile> all = new ArrayList<>();
        rollbacks.values().forEach(all::addAll);
        all.sort(java.util.Comparator.comparing(DeltaFile::version).thenComparing(DeltaFile::name));
        return all;
    }

    /**
     * Files that resemble deltas but are not, skipped as PUM 0.x skipped them (empty under
     * strict names, where they are errors).
     */
    public List<Skipped> notDeltas() {
        return notDeltas;
    }

    /**
     * A warning naming every file of {@link #notDeltas()} with its reason, or null when there are
     * none. Printed once per run by the commands that read deltas.
     */
    public String notDeltasWarning() {
        if (notDeltas.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        b.append(notDeltas.size() == 1 ? "1 file in the delta directories is not a delta and is skipped"
                : notDeltas.size() + " files in the delta directories are not deltas and are skipped").append(" (as PUM 0.x did):");
        for (Skipped s : notDeltas) {
            b.append("\n  ").append(s.path()).append(": ").append(s.reason());
        }
        b.append("\nrename the ones meant to run; list the others under ignore_files (or --ignore-file); strict_names: true makes these errors");
        return b.toString();
    }

    private static boolean matches(List<PathMatcher> ms, Path name) {
        for (PathMatcher m : ms) {
            if (m.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** The directories, in the order given. */
    public List<Path> dirs() {
        return dirs;
    }

    /** The versioned delta files in running order. */
    public List<DeltaFile> versioned() {
        return versioned;
    }

    /** pre-all files in running order. */
    public List<DeltaFile> preAll() {
        return preAll;
    }

    /** post-all files in running order. */
    public List<DeltaFile> postAll() {
        return postAll;
    }

    /** Every file: pre-all, versioned, post-all. */
    public List<DeltaFile> all() {
        List<DeltaFile> all = new ArrayList<>(preAll);
        all.addAll(versioned);
        all.addAll(postAll);
        return all;
    }

    /**
     * Starts reading files and computing checksums on background threads, so that the work
     * overlaps with connecting and reading the upgrades table. Optional: every accessor computes
     * what it needs on its own.
     */
    public void prefetch() {
        List<DeltaFile> files = versioned;
        int threads = Math.min(2, Math.max(1, Runtime.getRuntime().availableProcessors()));
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread th = new Thread(() -> {
                for (int i = first; i < files.size(); i += threads) {
                    try {
                        checksum(files.get(i));
                    } catch (RuntimeException e) {
                        // reported again, with context, when the caller asks for it
                    }
                }
            }, "pum-delta-checksums-" + t);
            th.setDaemon(true);
            th.start();
        }
    }

    /**
     * A file's checksum (see {@link Checksum}), computed once, streaming: memory does not grow
     * with the file's size. Only regular files (or links to them) are read.
     *
     * @throws DeltaException ({@link DeltaException.Reason#UNREADABLE_FILE}) for a FIFO, socket,
     *         device or directory named like a delta (refused without opening it: a FIFO would block)
     *         or a file that cannot be read
     */
    public String checksum(DeltaFile f) {
        return checksums.computeIfAbsent(f.path(), p -> {
            try {
                // java.io's stat and open are a fraction of NIO's per call, which shows at 10,000 files
                if (!p.toFile().isFile()) {
                    DeltaText.requireRegularFile(p);
                }
                return Checksum.of(p);
            } catch (SourceError e) {
                throw new DeltaException(DeltaException.Reason.UNREADABLE_FILE, p + ": " + e.getMessage(), e.hint(), e);
            } catch (IOException e) {
                throw new DeltaException(DeltaException.Reason.UNREADABLE_FILE, "cannot read delta file " + p + ": " + e.getMessage(), null, e);
            }
        });
    }

    /** Whether a stored checksum matches the file, line-ending independent or PUM's raw MD5. */
    public boolean checksumMatches(DeltaFile f, String stored) {
        if (checksum(f).equalsIgnoreCase(stored)) {
            return true;
        }
        try {
            return Checksum.raw(f.path()).equalsIgnoreCase(stored);
        } catch (IOException e) {
            throw new DeltaException(DeltaException.Reason.UNREADABLE_FILE, "cannot read delta file " + f.path() + ": " + e.getMessage(), null, e);
        }
    }
}
