/** Differences between two catalog snapshots: a pure function, no connection. */
module pum.diff {
    // snapshots are the input of every diff.
    requires transitive pum.catalog;

    exports pum.diff;
}
