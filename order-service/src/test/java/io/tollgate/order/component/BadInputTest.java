package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input the issue lists is answered with a 4xx application/problem+json naming
 * the field, and leaves the database exactly as it was. The caller holds every role, so each answer
 * is about the input, never about authorization.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class BadInputTest {

    private static final String ORDERS = "/api/v1/orders";
    private static final String UNKNOWN = "/api/v1/orders/" + "00000000-0000-4000-8000-00000000dead";
    private static final String VALID = OrderApi.body("bad-input");
    private static final String PAYMENT = "{\"amount\":{\"amount\":\"100.00\",\"currency\":\"USD\"},"
            + "\"treasuryReference\":\"UST-1\"}";

    @Inject
    Databases databases;

    /** One row of the table: a request and the answer it must get. */
    record Row(String rule, String method, String path, boolean withKey, String body, int status,
               String field, String code) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                post("malformed JSON", "{\"customerId\":", 400, "body", "MALFORMED_JSON"),
                post("missing customerName", VALID.replace("\"customerName\":\"bad-input Ltd.\",", ""),
                        400, "customerName", "INVALID_FIELD"),
                post("missing unitPrice", VALID.replaceAll(",\"unitPrice\":\\{[^}]*}", ""),
                        400, "unitPrice", "INVALID_FIELD"),
                post("missing unitPrice.currency", VALID.replace(",\"currency\":\"USD\"", ""),
                        400, "unitPrice.currency", "INVALID_FIELD"),
                post("quantity of the wrong type", VALID.replace("\"quantity\":1000", "\"quantity\":\"lots\""),
                        400, "quantity", "INVALID_FIELD"),
                post("quantity as a fraction", VALID.replace("\"quantity\":1000", "\"quantity\":1.5"),
                        400, "quantity", "INVALID_FIELD"),
                post("customerId of the wrong type", VALID.replace("\"customerId\":\"bad-input\"", "\"customerId\":{}"),
                        400, "customerId", "INVALID_FIELD"),
                post("quantity zero", VALID.replace("\"quantity\":1000", "\"quantity\":0"),
                        400, "quantity", "INVALID_FIELD"),
                post("quantity negative", VALID.replace("\"quantity\":1000", "\"quantity\":-5"),
                        400, "quantity", "INVALID_FIELD"),
                post("quantity above its limit", VALID.replace("\"quantity\":1000", "\"quantity\":1000001"),
                        422, "quantity", "LIMIT_EXCEEDED"),
                post("unit price above the amount limit", OrderApi.body("bad-input", "H200-NVL", 1,
                        "100000000000000000.00", "USD"), 422, "unitPrice.amount", "LIMIT_EXCEEDED"),
                post("gross above the amount limit", OrderApi.body("bad-input", "H200-NVL", 1000,
                        "10000000.01", "USD"), 422, "unitPrice.amount", "LIMIT_EXCEEDED"),
                post("customerId above its length", VALID.replace("\"customerId\":\"bad-input\"",
                        "\"customerId\":\"" + "c".repeat(201) + "\""), 422, "customerId", "LIMIT_EXCEEDED"),
                post("customerName above its length", VALID.replace("bad-input Ltd.", "n".repeat(501)),
                        422, "customerName", "LIMIT_EXCEEDED"),
                post("product above its length", VALID.replace("H200-SXM-141GB", "H200-" + "p".repeat(100)),
                        422, "product", "LIMIT_EXCEEDED"),
                post("erpReference above its length", VALID.replace("PO-4711", "r".repeat(201)),
                        422, "erpReference", "LIMIT_EXCEEDED"),
                post("usageScenario above its length", VALID.replace("LLM inference for search",
                        "u".repeat(10_001)), 422, "usageScenario", "LIMIT_EXCEEDED"),
                post("destination in lower case", withParties(VALID, "\"destination\":\"cn\""),
                        400, "destination", "INVALID_FIELD"),
                post("destination not an assigned code", withParties(VALID, "\"destination\":\"XX\""),
                        400, "destination", "INVALID_FIELD"),
                post("destination as alpha-3", withParties(VALID, "\"destination\":\"CHN\""),
                        400, "destination", "INVALID_FIELD"),
                post("destination of the wrong type", withParties(VALID, "\"destination\":86"),
                        400, "destination", "INVALID_FIELD"),
                post("unknown transactionKind", withParties(VALID, "\"transactionKind\":\"IMPORT\""),
                        400, "transactionKind", "INVALID_FIELD"),
                post("buyerHeadquarters in lower case", withParties(VALID, "\"buyerHeadquarters\":\"hk\""),
                        400, "buyerHeadquarters", "INVALID_FIELD"),
                post("ultimateParentHeadquarters not a code",
                        withParties(VALID, "\"ultimateParentHeadquarters\":\"Cayman\""),
                        400, "ultimateParentHeadquarters", "INVALID_FIELD"),
                post("destination outside China and Macau without headquarters",
                        withParties(VALID, "\"destination\":\"MY\""), 400, "buyerHeadquarters", "INVALID_FIELD"),
                post("destination outside China and Macau without the parent's headquarters",
                        withParties(VALID, "\"destination\":\"MY\",\"buyerHeadquarters\":\"MY\""),
                        400, "ultimateParentHeadquarters", "INVALID_FIELD"),
                post("money with an exponent", VALID.replace("31500.00", "3.15e4"),
                        400, "unitPrice.amount", "INVALID_FIELD"),
                post("money as a JSON number", VALID.replace("\"31500.00\"", "31500.00"),
                        400, "unitPrice.amount", "INVALID_FIELD"),
                post("money with too many decimals", VALID.replace("31500.00", "31500.001"),
                        400, "unitPrice.amount", "INVALID_FIELD"),
                post("negative money", VALID.replace("31500.00", "-31500.00"),
                        400, "unitPrice.amount", "INVALID_FIELD"),
                post("unknown currency", VALID.replace("\"USD\"", "\"XYZ\""),
                        400, "unitPrice.currency", "INVALID_FIELD"),
                post("body over 64 KB", VALID.replace("LLM inference for search", "x".repeat(70_000)),
                        413, "body", "BODY_TOO_LARGE"),
                new Row("missing Idempotency-Key", "POST", ORDERS, false, VALID, 400, "Idempotency-Key",
                        "IDEMPOTENCY_KEY_REQUIRED"),
                new Row("unknown order id", "GET", UNKNOWN, false, null, 404, null, "NOT_FOUND"),
                new Row("cancel of an unknown order", "POST", UNKNOWN + "/cancellation", false, null, 404, null,
                        "NOT_FOUND"),
                new Row("payment for an unknown order", "POST", UNKNOWN + "/revenue-share-payments", true,
                        PAYMENT, 404, null, "NOT_FOUND"),
                new Row("payment without Idempotency-Key", "POST", UNKNOWN + "/revenue-share-payments", false,
                        PAYMENT, 400, "Idempotency-Key", "IDEMPOTENCY_KEY_REQUIRED"),
                new Row("negative payment", "POST", UNKNOWN + "/revenue-share-payments", true,
                        PAYMENT.replace("100.00", "-100.00"), 400, "amount.amount", "INVALID_FIELD"),
                new Row("payment in an unknown currency", "POST", UNKNOWN + "/revenue-share-payments", true,
                        PAYMENT.replace("USD", "usd"), 400, "amount.currency", "INVALID_FIELD"),
                new Row("payment above the amount limit", "POST", UNKNOWN + "/revenue-share-payments", true,
                        PAYMENT.replace("100.00", "10000000000.01"), 422, "amount.amount", "LIMIT_EXCEEDED"),
                new Row("payment treasuryReference above its length", "POST",
                        UNKNOWN + "/revenue-share-payments", true, PAYMENT.replace("UST-1", "t".repeat(201)),
                        422, "treasuryReference", "LIMIT_EXCEEDED"),
                new Row("payment for an orderId above its length", "POST",
                        ORDERS + "/" + "o".repeat(65) + "/revenue-share-payments", true, PAYMENT, 400,
                        "orderId", "LIMIT_EXCEEDED"),
                new Row("payment without treasuryReference", "POST", UNKNOWN + "/revenue-share-payments", true,
                        PAYMENT.replace(",\"treasuryReference\":\"UST-1\"", ""), 400, "treasuryReference",
                        "INVALID_FIELD"),
                new Row("list limit above 500", "GET", ORDERS + "?limit=501", false, null, 400, "limit",
                        "LIMIT_EXCEEDED"),
                new Row("list limit not a number", "GET", ORDERS + "?limit=ten", false, null, 400, "limit",
                        "INVALID_FIELD"),
                new Row("list customerId above its length", "GET", ORDERS + "?customerId=" + "c".repeat(201),
                        false, null, 400, "customerId", "LIMIT_EXCEEDED"),
                new Row("list limit zero", "GET", ORDERS + "?limit=0", false, null, 400, "limit", "INVALID_FIELD"),
                new Row("list with an unknown status", "GET", ORDERS + "?status=LOST", false, null, 400, "status",
                        "INVALID_FIELD"),
                new Row("list with a forged cursor", "GET", ORDERS + "?cursor=bm9wZQ", false, null, 400, "cursor",
                        "INVALID_FIELD"));
    }

    /** {@code body} with destination or party fields (JSON members, comma-separated) added. */
    private static String withParties(String body, String members) {
        return body.substring(0, body.length() - 1) + "," + members + "}";
    }

    private static Row post(String rule, String body, int status, String field, String code) {
        return new Row(rule, "POST", ORDERS, true, body, status, field, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsAProblemNamingTheFieldAndChangesNothing(Row row) {
        // given
        Map<String, Long> before = Stored.rowCounts(databases);
        RequestSpecification request = OrderApi.asTester();
        if (row.withKey()) {
            request = request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (row.body() != null) {
            request = request.contentType("application/json").body(row.body());
        }

        // when
        var response = row.method().equals("GET") ? request.when().get(row.path()) : request.when().post(row.path());

        // then
        var then = response.then().statusCode(row.status()).contentType("application/problem+json")
                .body("status", equalTo(row.status())).body("code", equalTo(row.code()))
                .body("detail", not(emptyOrNullString()));
        if (row.field() != null) {
            then.body("field", equalTo(row.field()));
        }
        assertThat(Stored.rowCounts(databases)).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyWithASpaceOrAboveItsLengthIsRefusedNamingTheHeader() {
        for (String key : new String[] {"two words", "k".repeat(201)}) {
            // given
            Map<String, Long> before = Stored.rowCounts(databases);

            // when / then
            OrderApi.asTester().header("Idempotency-Key", key).contentType("application/json").body(VALID)
                    .when().post(ORDERS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("Idempotency-Key"));
            assertThat(Stored.rowCounts(databases)).isEqualTo(before);
        }
    }

    @Test
    void readsCarryingAJsonContentTypeAreAnsweredNormally() {
        // given: many HTTP client libraries send Content-Type on every request, even without a body
        RequestSpecification request = OrderApi.asTester().contentType("application/json");

        // when / then
        request.when().get(UNKNOWN).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        OrderApi.asTester().contentType("application/json").when().get(ORDERS + "?limit=1")
                .then().statusCode(200);
    }
}
