package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void postgresGivesEachServiceItsOwnDatabaseAndKeepsTheUrlParameters() {
        // given
        Database db = Database.postgres("jdbc:postgresql://db.local:6432/ignored?sslmode=require",
            "tollgate", "secret");

        // when / then
        assertThat(db.env(ServiceSpec.REGULATOR))
            .containsEntry("TOLLGATE_DB", "pg")
            .containsEntry("TOLLGATE_PG_URL", "jdbc:postgresql://db.local:6432/regulator?sslmode=require")
            .containsEntry("TOLLGATE_PG_USERNAME", "tollgate")
            .containsEntry("TOLLGATE_PG_PASSWORD", "secret");
        assertThat(Database.postgres(Database.PG_SERVER_URL_DEFAULT, "postgres", null)
            .urlOf("ledger")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ledger");
    }

    @Test
    void h2SetsOnlyTheSwitch() {
        assertThat(Database.h2().env(ServiceSpec.ORDER)).containsExactlyEntriesOf(
            java.util.Map.of("TOLLGATE_DB", "h2"));
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> Database.postgres("jdbc:mysql://127.0.0.1/x", "u", ""))
            .isInstanceOf(LaunchException.class)
            .hasMessageContaining("not a PostgreSQL JDBC URL");
    }

    @Test
    void describeNeverShowsThePassword() {
        assertThat(Database.postgres(Database.PG_SERVER_URL_DEFAULT, "postgres", "hunter2").describe())
            .doesNotContain("hunter2").contains("postgres");
    }
}
