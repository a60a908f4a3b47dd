package pum.delta.internal;

/**
 * One statement of an SQL file, as sent to the server.
 *
 * @param sql    the statement text, without the terminating semicolon
 * @param offset where it starts in the file text (0-based char index)
 * @param line   1-based line of its first character
 * @param column 1-based column of its first character
 */
public record SqlStatement(String sql, int offset, int line, int column) {
}
