package pum.delta.internal;

/**
 * What a top-level statement does to the session's transaction, read from its leading keywords
 * as the server's grammar (TransactionStmt) has them.
 */
public enum StatementKind {
    /** BEGIN [WORK | TRANSACTION] [modes], START TRANSACTION [modes] */
    BEGIN,
    /** COMMIT / END [WORK | TRANSACTION] [AND [NO] CHAIN]; not COMMIT PREPARED */
    COMMIT,
    /** ROLLBACK / ABORT [WORK | TRANSACTION] [AND [NO] CHAIN]; not ROLLBACK TO [SAVEPOINT], not ROLLBACK PREPARED */
    ROLLBACK,
    /** PREPARE TRANSACTION 'id': ends the session's transaction, leaving it prepared */
    PREPARE_TRANSACTION,
    /** anything else, savepoints and COMMIT/ROLLBACK PREPARED included */
    OTHER;

    /** The kind of a statement. */
    public static StatementKind of(SqlStatement s) {
        String k1 = s.keyword(1);
        return switch (s.keyword(0)) {
            // BEGIN ATOMIC only exists inside CREATE FUNCTION; alone it is a syntax error, not a transaction
            case "begin" -> k1.equals("atomic") ? OTHER : BEGIN;
            case "start" -> k1.equals("transaction") ? BEGIN : OTHER;
            case "commit" -> k1.equals("prepared") ? OTHER : COMMIT;
            case "end" -> COMMIT;
            case "abort" -> ROLLBACK;
            case "rollback" -> {
                if (k1.equals("prepared")) {
                    yield OTHER;
                }
                String next = k1.equals("work") || k1.equals("transaction") ? s.keyword(2) : k1;
                yield next.equals("to") ? OTHER : ROLLBACK;
            }
            case "prepare" -> k1.equals("transaction") ? PREPARE_TRANSACTION : OTHER;
            default -> OTHER;
        };
    }

    /** The kind of a statement's text. */
    public static StatementKind of(String sql) {
        return of(new SqlStatement(sql, 0, 1, 1));
    }

    /** BEGIN, COMMIT, ROLLBACK or PREPARE TRANSACTION: a statement that starts or ends the session's transaction. */
    public boolean isTransactionControl() {
        return this != OTHER;
    }
}
