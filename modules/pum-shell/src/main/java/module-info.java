/**
 * pum's command line and interactive shell: the composition root that wires the other modules
 * together. {@link pum.shell.Main#run} is the entry point for embedding the CLI.
 */
module pum.shell {
    requires pum.core;
    // -p embedded and throwaway rehearsal servers.
    requires pum.embedded;
    // check, upgrade, dump/restore commands call these modules' APIs.
    requires pum.catalog;
    requires pum.diff;
    requires pum.delta;
    requires pum.backup;
    // test-and-upgrade is options and printing around the rehearsal's API.
    requires pum.rehearsal;
    // remap and check --fix generate DDL.
    requires pum.ddl;
    // check --fix --format json writes the statements as JSON.
    requires com.fasterxml.jackson.databind;
    // the interactive shell (line editing, history, completion).
    requires org.jline.reader;
    requires org.jline.terminal;
    // without it JLine installs no SIGINT handler and Ctrl-C kills the JVM (see STACK.md).
    requires jdk.unsupported;
    requires org.slf4j;
    // Ctrl-C in the shell cancels the running statement through the driver's cancel request.
    requires org.postgresql.jdbc;

    exports pum.shell;}
