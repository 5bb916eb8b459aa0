package io.tollgate.eventing.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An H2 database made before V3 keeps every stored event, token and dead letter byte for byte when
 * its BLOB columns become VARBINARY, and afterwards no column of eventing's tables is a BLOB.
 */
class H2VarbinaryMigrationTest {

    @Test
    void storedBytesSurviveTheMoveFromBlobToVarbinary() throws SQLException {
        // given a database at V2 holding an event with a large payload and one without metadata
        String url = "jdbc:h2:mem:varbinary-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        migrate(url, "2");
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            insertEvent(c, "e-1", large, "{\"principal\":\"erp\"}".getBytes());
            insertEvent(c, "e-2", "{}".getBytes(), null);
        }

        // when
        migrate(url, "latest");

        // then
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(bytes(c, "SELECT payload FROM domain_event_entry WHERE event_identifier = 'e-1'"))
                    .isEqualTo(large);
            assertThat(bytes(c, "SELECT meta_data FROM domain_event_entry WHERE event_identifier = 'e-1'"))
                    .isEqualTo("{\"principal\":\"erp\"}".getBytes());
            assertThat(bytes(c, "SELECT meta_data FROM domain_event_entry WHERE event_identifier = 'e-2'"))
                    .isNull();
            assertThat(blobColumns(c)).isEmpty();
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/eventing/h2").target(target)
                .load().migrate();
    }

    private static void insertEvent(Connection c, String id, byte[] payload, byte[] meta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                + " aggregate_identifier, sequence_number, aggregate_type, time_stamp, payload_type, payload,"
                + " meta_data) VALUES (?, ?, 0, 'Order', '2026-12-01T00:00:00Z', 'P', ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "aggregate-" + id);
            ps.setBytes(3, payload);
            ps.setBytes(4, meta);
            ps.executeUpdate();
        }
    }

    private static byte[] bytes(Connection c, String sql) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getBytes(1);
        }
    }

    private static List<String> blobColumns(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet r = c.createStatement().executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND DATA_TYPE LIKE '%LARGE OBJECT%'")) {
            while (r.next()) {
                found.add(r.getString(1) + "." + r.getString(2));
            }
        }
        return found;
    }
}
