package pum.diff;

/** Computes differences between two snapshots (being written: see issue 4). */
public final class Diff {
    private Diff() {
    }
}
