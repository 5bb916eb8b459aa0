package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code policyClause} was added to the v1 decision events as an optional field: decisions stored
 * on the topic before it (fixtures of their exact shape under {@code samples/stored/}) still read,
 * still conform to the schema and are written back without the key.
 */
class DecisionClauseStoredShapeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AuthorizationGrantedV1.TYPE, AuthorizationDeniedV1.TYPE})
    void aDecisionStoredBeforeClausesReadsWithoutOne(String type) throws IOException {
        // given
        byte[] stored = stored(type);

        // when
        Class<? extends WireEvent> record = type.equals(AuthorizationGrantedV1.TYPE)
                ? AuthorizationGrantedV1.class : AuthorizationDeniedV1.class;
        WireEvent read = WireJson.read(stored, record);

        // then
        assertThat(ContractSchemas.violations(type, stored)).isEmpty();
        assertThat(clauseOf(read)).isNull();
        assertThat(versionOf(read)).isEqualTo(WireEventSamples.POLICY_VERSION);
        assertThat(new String(WireJson.write(read), StandardCharsets.UTF_8)).doesNotContain("policyClause");
    }

    @Test
    void theCurrentSamplesNameTheirClause() {
        assertThat(WireEventSamples.authorizationGranted().policyClause()).isEqualTo(WireEventSamples.GRANT_CLAUSE);
        assertThat(WireEventSamples.authorizationDenied().policyClause()).isEqualTo(WireEventSamples.DENIAL_CLAUSE);
    }

    @Test
    void aBlankClauseIsRefusedNamingTheField() {
        AuthorizationGrantedV1 g = WireEventSamples.authorizationGranted();
        assertThatThrownBy(() -> new AuthorizationGrantedV1(g.orderId(), g.authorizationId(),
                g.requestEventId(), g.usExport(), g.cnImport(), g.conditions(), g.policyVersion(),
                g.decidedBy(), g.occurredAt(), " "))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("policyClause");
    }

    private static String clauseOf(WireEvent event) {
        return event instanceof AuthorizationGrantedV1 g ? g.policyClause()
                : ((AuthorizationDeniedV1) event).policyClause();
    }

    private static String versionOf(WireEvent event) {
        return event instanceof AuthorizationGrantedV1 g ? g.policyVersion()
                : ((AuthorizationDeniedV1) event).policyVersion();
    }

    private static byte[] stored(String type) throws IOException {
        String name = "samples/stored/" + type + ".without-policy-clause.json";
        try (InputStream in = DecisionClauseStoredShapeTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
