package io.tollgate.eventing.db;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs simple SQL statements on the active datasource ({@link Databases}): parameters bound by
 * position from varargs ({@link Instant} as a UTC {@code TIMESTAMP WITH TIME ZONE}, an enum by
 * its name, null as SQL NULL), rows mapped one at a time. Connections join the caller's JTA
 * transaction (Agroal enlists them), so projections commit or roll back with the command that
 * caused them. A failure is an {@link IllegalStateException} whose cause is the
 * {@link SQLException} (find its SQLState with {@code Causes.sqlState}).
 */
@Singleton
public class SqlStatements {

    /** Maps one result row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Databases databases;

    public SqlStatements(Databases databases) {
        this.databases = databases;
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the number of rows changed. */
    public int update(String sql, Object... params) {
        try (Connection connection = databases.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql, e);
        }
    }

    /** Every row of a query; the SQL must bound its rows itself (LIMIT), as every list here does. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = databases.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    /**
     * {@code (?, ?), (?, ?), …}: {@code rows} pairs for {@code (a, b) IN (…)}. A lookup of many keys
     * under one leading column must be written as pairs: H2 answers {@code a = ? AND b IN (…)} by
     * reading every row of {@code a}, while both databases answer the pairs from the key.
     */
    public static String pairsIn(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("an IN list needs at least one row: " + rows);
        }
        return String.join(", ", java.util.Collections.nCopies(rows, "(?, ?)"));
    }

    /**
     * {@code select} for {@code rows} pairs ({@code first}, {@code second}) that make a key, each
     * pair's two values as parameters in that order. H2 gets one list of row values, which it reads
     * through the key. PostgreSQL gets one equality on the whole key per pair, joined by
     * {@code UNION ALL}: given the list (or {@code first = ? AND second = ANY(?)}, or a join with
     * the values), its planner read every row of the pair's first value and filtered them whenever
     * its statistics still counted few of them (a value whose rows grew since the last ANALYZE:
     * a new client's first large batch, a new consumer group), 38 to 166 ms per lookup at 100,000
     * rows; an equality on the whole key is read through it whatever the statistics say.
     *
     * @param alsoWhere a further condition every row must meet, without parameters ({@code ""} for none)
     */
    public static String pairLookup(boolean postgres, String select, String first, String second, int rows,
                                    String alsoWhere) {
        if (postgres) {
            return String.join(" UNION ALL ", java.util.Collections.nCopies(rows,
                    select + " WHERE " + first + " = ? AND " + second + " = ?" + alsoWhere));
        }
        return select + " WHERE (" + first + ", " + second + ") IN (" + pairsIn(rows) + ")" + alsoWhere;
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an Instant, or null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A nullable BIGINT column. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object param = params[i];
            if (param instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (param instanceof Enum<?> value) {
                statement.setString(i + 1, value.name());
            } else {
                statement.setObject(i + 1, param);
            }
        }
    }
}
