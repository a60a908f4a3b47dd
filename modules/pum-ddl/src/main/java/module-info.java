/** DDL generated from catalog snapshots: a whole database (remap) or the fix-up between two (check --fix). */
module pum.ddl {
    // snapshots and details are the input of every generator and appear in this module's API.
    requires transitive pum.catalog;

    exports pum.ddl;
}
