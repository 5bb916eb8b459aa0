package io.tollgate.ledger.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.db.Databases;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rebuild jobs driven over the API, and snapshots of a journal generation to compare. */
public final class Rebuilds {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "ABANDONED");
    private static final List<String> TABLES = List.of("entry", "posting", "balance", "chain", "checkpoint",
            "checkpoint_balance", "order", "processed_event");

    private Rebuilds() {
    }

    public static RequestSpecification asOperator() {
        return given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR));
    }

    /** Starts a rebuild as the operator; returns the job's path (its Location). */
    public static String start() {
        Response started = asOperator().post("/api/v1/rebuild");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        return URI.create(started.header("Location")).getPath();
    }

    /** Waits for the job to end and returns it as the API shows it. */
    public static JsonPath awaitEnd(String job, Duration atMost) {
        return awaitEnd(job, atMost, Duration.ofMillis(100));
    }

    /** The same, asking every {@code pollEvery} (a measurement asks seldom: each call costs CPU). */
    public static JsonPath awaitEnd(String job, Duration atMost, Duration pollEvery) {
        await().atMost(atMost).pollInterval(pollEvery)
                .until(() -> ENDED.contains(asOperator().get(job).jsonPath().getString("state")));
        return asOperator().get(job).then().statusCode(200).extract().jsonPath();
    }

    /** Runs a whole rebuild and insists that it swapped its generation in. */
    public static JsonPath rebuild(Duration atMost) {
        return rebuild(atMost, Duration.ofMillis(100));
    }

    /** The same, asking for the job's state every {@code pollEvery}. */
    public static JsonPath rebuild(Duration atMost, Duration pollEvery) {
        JsonPath job = awaitEnd(start(), atMost, pollEvery);
        assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
        return job;
    }

    /** Every row, every column, of every table of a generation ({@code ledger_}, {@code ledger_shadow_}). */
    public static String snapshot(Databases databases, String prefix) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + prefix + table)) {
                    List<String> rows = new ArrayList<>();
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                    rows.stream().sorted().forEach(r -> out.append(r).append('\n'));
                }
            }
        }
        return out.toString();
    }
}
