package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.TestUsers;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Supplies documents over the regulator's API, as a compliance officer does: what the shipped
 * version in force from 15 January 2026 requires of every application before anything is granted.
 */
final class DocumentCalls {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DocumentCalls() {
    }

    static ValidatableResponse supply(String orderId, String body) {
        return given().auth().preemptive().basic(Roles.COMPLIANCE, TestUsers.password(Roles.COMPLIANCE))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/applications/" + orderId + "/documents").then();
    }

    /** A body for {@code kind} issued {@code issuedOn}, valid to {@code expiresOn}. */
    static String body(String kind, LocalDate issuedOn, LocalDate expiresOn, String reference) {
        return "{\"kind\":\"" + kind + "\",\"issuer\":\"" + (kind.equals("LAB_TEST_REPORT")
                ? "US Accelerator Test Labs Inc." : "Example AI Lab compliance office") + "\",\"issuedOn\":\""
                + issuedOn + "\",\"expiresOn\":\"" + expiresOn + "\",\"reference\":\"" + reference
                + "\",\"sha256\":\"" + sha256(reference) + "\"}";
    }

    /** A current attestation: issued ten days ago, valid for a year. */
    static String kycAttestation() {
        LocalDate today = today();
        return body("BUYER_KYC_ATTESTATION", today.minusDays(10), today.plusDays(355), "KYC-" + today);
    }

    /** A current lab report for this shipment: issued yesterday, valid for sixty days. */
    static String labTestReport() {
        LocalDate today = today();
        return body("LAB_TEST_REPORT", today.minusDays(1), today.plusDays(60), "LAB-" + today);
    }

    /**
     * Waits until the application of {@code orderId} waits for documents, then supplies both the
     * 2026 version requires; the application goes on to whatever its other rules decide.
     */
    static void supplyBothWhenAsked(String orderId) {
        await().atMost(WAIT).until(() -> "AWAITING_DOCUMENTS".equals(given().auth().preemptive()
                .basic(Roles.AUDITOR, TestUsers.password(Roles.AUDITOR))
                .when().get("/api/v1/applications/" + orderId).then().extract().path("status")));
        supply(orderId, kycAttestation()).statusCode(200);
        supply(orderId, labTestReport()).statusCode(200);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** A stand-in digest: 64 hex digits derived from the reference (the document itself is not sent). */
    private static String sha256(String reference) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(reference.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
