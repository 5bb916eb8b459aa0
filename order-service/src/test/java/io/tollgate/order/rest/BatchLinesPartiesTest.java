package io.tollgate.order.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.json.StrictRequestJson;
import io.tollgate.order.api.RequestOrderCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch lines name destination, transaction kind and headquarters as the JSON body does: as NDJSON
 * members or optional CSV columns, checked by the same rules, each bad line a problem naming its field.
 */
class BatchLinesPartiesTest {

    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final String HEADER = "idempotencyKey,customerId,customerName,product,quantity,unitPrice,"
            + "currency,destination,transactionKind,buyerHeadquarters,ultimateParentHeadquarters\n";

    @Test
    void csvColumnsCarryDestinationKindAndHeadquartersIntoTheOrder() {
        // given
        String csv = HEADER + "k1,acme,Acme,H200-NVL,2,29000.00,USD,MY,REEXPORT,MY,CN\n"
                + "k2,acme,Acme,H200-NVL,2,29000.00,USD,,,,\n";

        // when
        List<BatchLines.Line> lines = read(BatchLines.FORMAT_CSV, csv);

        // then
        RequestOrderCommand first = lines.get(0).body().toCommand("o1", "erp", NOW);
        assertThat(first.destination()).isEqualTo("MY");
        assertThat(first.transactionKind()).isEqualTo(TransactionKind.REEXPORT);
        assertThat(first.buyerHeadquarters()).isEqualTo("MY");
        assertThat(first.ultimateParentHeadquarters()).isEqualTo("CN");
        RequestOrderCommand second = lines.get(1).body().toCommand("o2", "erp", NOW);
        assertThat(second.destination()).isEqualTo("CN");
        assertThat(second.transactionKind()).isEqualTo(TransactionKind.EXPORT);
        assertThat(second.buyerHeadquarters()).isNull();
    }

    @ParameterizedTest(name = "{0},{1},{2},{3} -> problem on {4}")
    @CsvSource(nullValues = "-", value = {
        "cn, EXPORT,   -,  -,  destination",
        "MY, EXPORT,   -,  -,  buyerHeadquarters",
        "MY, EXPORT,   MY, -,  ultimateParentHeadquarters",
        "MY, EXPORT,   MY, ZZ, ultimateParentHeadquarters",
        "CN, TRANSFER, -,  -,  transactionKind",
    })
    void aBadCsvLineIsAProblemNamingItsField(String destination, String kind, String buyer, String parent,
                                            String field) {
        // given
        String csv = HEADER + "k1,acme,Acme,H200-NVL,2,29000.00,USD," + destination + "," + kind + ","
                + (buyer == null ? "" : buyer) + "," + (parent == null ? "" : parent) + "\n";

        // when
        BatchLines.Line line = read(BatchLines.FORMAT_CSV, csv).get(0);

        // then
        assertThat(line.body()).isNull();
        assertThat(line.problem().field()).isEqualTo(field);
        assertThat(line.problem().status()).isEqualTo(400);
    }

    @Test
    void ndjsonLinesNameThePartiesAsTheBodyDoes() {
        // given
        String ndjson = "{\"idempotencyKey\":\"k1\",\"customerId\":\"acme\",\"customerName\":\"Acme\","
                + "\"product\":\"H200-NVL\",\"quantity\":2,\"unitPrice\":{\"amount\":\"29000.00\",\"currency\":\"USD\"},"
                + "\"destination\":\"MO\",\"transactionKind\":\"IN_COUNTRY_TRANSFER\"}\n"
                + "{\"idempotencyKey\":\"k2\",\"customerId\":\"acme\",\"customerName\":\"Acme\","
                + "\"product\":\"H200-NVL\",\"quantity\":2,\"unitPrice\":{\"amount\":\"29000.00\",\"currency\":\"USD\"},"
                + "\"destination\":\"DE\",\"buyerHeadquarters\":\"DE\"}\n";

        // when
        List<BatchLines.Line> lines = read(BatchLines.FORMAT_NDJSON, ndjson);

        // then
        assertThat(lines.get(0).body().toCommand("o1", "erp", NOW).transactionKind())
                .isEqualTo(TransactionKind.IN_COUNTRY_TRANSFER);
        assertThat(lines.get(1).problem().field()).isEqualTo("ultimateParentHeadquarters");
    }

    private static List<BatchLines.Line> read(String format, String body) {
        return BatchLines.read(format, body.getBytes(StandardCharsets.UTF_8), StrictRequestJson.mapper());
    }
}
