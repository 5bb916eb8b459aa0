package io.tollgate.regulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.regulator.api.DocumentsRequestedEvent;
import io.tollgate.regulator.policy.ApplicationFacts;
import io.tollgate.regulator.policy.DocumentCheck;
import io.tollgate.regulator.policy.DocumentsOnFile;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyEvaluator;
import io.tollgate.regulator.policy.Verdict;
import io.tollgate.regulator.testdata.Mother;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wait for documents goes out as AuthorizationPendingV1 naming every kind it waits for. */
class DocumentsPendingMapperTest {

    @Test
    void aWaitForDocumentsIsPublishedWithItsCodeAndEveryKindAsked() {
        // given: the 2026 version, the lab report supplied, the attestation not
        Policy policy = Mother.policy2026();
        DocumentsOnFile file = new DocumentsOnFile(List.of(Mother.labTestReport()), Mother.NOW);
        Verdict verdict = PolicyEvaluator.evaluate(policy, new ApplicationFacts("H200-NVL", 10,
                Mother.GOOD_SCENARIO).withDocuments(file), Mother.designated(), PolicyEvaluator.Mode.RULES);
        DocumentsRequestedEvent event = new DocumentsRequestedEvent(Mother.ORDER,
                DocumentCheck.missing(policy.documentRules(), file), verdict.usExport(), policy.version(),
                verdict.clause(), Mother.NOW);

        // when
        AuthorizationPendingV1 wire = DecisionOutboxMapper.documentsRequested(event);

        // then
        assertThat(wire.waitingFor()).isEqualTo(AuthorizationPendingV1.DOCUMENTS);
        assertThat(wire.track()).isEqualTo("US_EXPORT");
        assertThat(wire.code()).isEqualTo("DOCUMENT_MISSING");
        assertThat(wire.policyClause()).isEqualTo("consignee-kyc-remote-access");
        assertThat(wire.requirement().lines().findFirst().orElseThrow())
                .contains("BUYER_KYC_ATTESTATION missing").doesNotContain("LAB_TEST_REPORT");
        assertThat(wire.requirement().lines()).hasSize(2);
    }
}
