package pum.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import pum.core.ConnectionInfo;
import pum.core.Database;

/**
 * A fresh database for one test, dropped after it.
 *
 * @param name   the database name
 * @param info   connection details
 * @param server the server it lives on
 */
public record TestDatabase(String name, ConnectionInfo info, TestServer server) {

    /** A new connection (autocommit on); close it. */
    public Connection connect() {
        return Database.connect(info);
    }

    /** A postgresql:// URI for this database, as a user would pass it to {@code -p}. */
    public String uri() {
        return "postgresql://" + info.user() + (info.password() == null ? "" : ":" + info.password()) + "@"
                + info.host() + ":" + info.port() + "/" + name;
    }

    /** Runs SQL (several statements allowed) in its own connection. */
    public void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + sql, e);
        }
    }

    /** The rows of a query, each row its columns as text (null stays null). */
    public List<List<String>> query(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + sql, e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public String queryValue(String sql) {
        List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }
}
