package pum.delta.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * The connection a Java delta receives: the upgrade's own, minus every way to end, commit, roll
 * back or leave the transaction pum runs the version in ({@code commit()}, {@code rollback()}
 * without a savepoint, {@code setAutoCommit}, {@code close()}, {@code abort}, {@code unwrap},
 * and SQL {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK}/{@code PREPARE TRANSACTION} sent through
 * any statement, including jOOQ's {@code transaction()}, which calls {@code commit()}). Each
 * attempt throws an SQLException and is remembered, so a delta that catches the exception still
 * fails: the engine asks {@link #violation()} after the delta returns and rolls the version back.
 */
public final class GuardedConnection {
    private static final Set<String> REFUSED = Set.of("commit", "setAutoCommit", "close", "abort",
            "setTransactionIsolation", "setReadOnly", "setNetworkTimeout");
    private static final Set<String> SQL_METHODS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch",
            "prepareStatement", "prepareCall", "nativeSQL");

    private final Connection real;
    private final String delta;
    private final boolean inTransaction;
    private volatile String violation;

    private GuardedConnection(Connection real, String delta, boolean inTransaction) {
        this.real = real;
        this.delta = delta;
        this.inTransaction = inTransaction;
    }

    /**
     * @param inTransaction false for a {@code no-transaction} Java delta: it runs in autocommit and
     *                      may not change that or close the connection, but statements commit on their own
     */
    public static GuardedConnection of(Connection real, String delta, boolean inTransaction) {
        return new GuardedConnection(real, delta, inTransaction);
    }

    /** The connection to hand the delta. */
    public Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The first forbidden thing the delta tried, or null. */
    public String violation() {
        return violation;
    }

    private Object onConnection(Object proxy, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        if (name.equals("rollback") && (args == null || args.length == 0)) {
            throw refuse("connection().rollback()");
        }
        if (REFUSED.contains(name)) {
            if (name.equals("setAutoCommit") && args != null && Boolean.valueOf(!inTransaction).equals(args[0])) {
                return null; // asking for what is already so changes nothing
            }
            throw refuse("connection()." + name + "(...)");
        }
        if (name.equals("isWrapperFor")) {
            return false;
        }
        if (name.equals("unwrap")) {
            // the driver's own connection would offer commit() again; not a violation by itself
            throw new SQLException("pum: a Java delta's connection cannot be unwrapped; use connection() and dsl()", "0A000");
        }
        if (name.equals("isClosed")) {
            return real.isClosed();
        }
        if (name.equals("equals")) {
            return proxy == args[0];
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        if (name.equals("toString")) {
            return "pum delta connection for " + delta;
        }
        if (args != null && args.length > 0 && args[0] instanceof String sql && SQL_METHODS.contains(name)) {
            check(sql);
        }
        Object out = invoke(real, m, args);
        if (out instanceof CallableStatement s) {
            return wrap(s, CallableStatement.class, proxy);
        }
        if (out instanceof PreparedStatement s) {
            return wrap(s, PreparedStatement.class, proxy);
        }
        if (out instanceof Statement s) {
            return wrap(s, Statement.class, proxy);
        }
        return out;
    }

    private Object wrap(Statement s, Class<?> type, Object connectionProxy) {
        InvocationHandler h = (proxy, m, args) -> {
            String name = m.getName();
            if (name.equals("getConnection")) {
                return connectionProxy;
            }
            if (name.equals("isWrapperFor")) {
                return false;
            }
            if (name.equals("unwrap")) {
                throw new SQLException("pum: a Java delta's statements cannot be unwrapped", "0A000");
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql && SQL_METHODS.contains(name)) {
                check(sql);
            }
            return invoke(s, m, args);
        };
        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private void check(String sql) throws SQLException {
        if (!inTransaction) {
            return;
        }
        for (String one : splitQuietly(sql)) {
            TransactionControl.Kind k = TransactionControl.of(one);
            if (k != TransactionControl.Kind.OTHER) {
                throw refuse("SQL " + String.join(" ", TransactionControl.words(one, 2)).toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    private static java.util.List<String> splitQuietly(String sql) {
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (SqlStatement s : SqlSplitter.split(sql)) {
                out.add(s.sql());
            }
            return out;
        } catch (RuntimeException e) {
            return java.util.List.of(sql);
        }
    }

    private SQLException refuse(String what) {
        String msg = what + " would " + (inTransaction ? "end or leave the transaction pum runs this version in" : "change pum's connection")
                + "; a Java delta's work is committed by pum with the version";
        if (violation == null) {
            violation = msg;
        }
        return new SQLException("pum: " + msg, "25000");
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
