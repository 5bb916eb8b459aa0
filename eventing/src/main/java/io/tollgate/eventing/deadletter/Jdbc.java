package io.tollgate.eventing.deadletter;

import io.tollgate.eventing.db.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few JDBC shapes the dead-letter tables need, on the caller's JTA transaction: one place turns
 * {@link SQLException} into an unchecked failure naming what could not be done.
 */
final class Jdbc {

    /** Binds a statement's parameters. */
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Maps the current row. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Databases databases;

    Jdbc(Databases databases) {
        this.databases = databases;
    }

    int update(String what, String sql, Binder binder) {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what, e);
        }
    }

    /** Inserts one row and answers its generated {@code id}. */
    long insert(String what, String sql, Binder binder) {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            binder.bind(ps);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("cannot " + what + ": no id generated");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what, e);
        }
    }

    <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what, e);
        }
    }
}
