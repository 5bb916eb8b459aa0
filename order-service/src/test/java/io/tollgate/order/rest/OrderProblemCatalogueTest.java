package io.tollgate.order.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.DocumentRuleException;
import io.tollgate.eventing.testkit.ProblemCodeScan;
import io.tollgate.order.api.OrderErrorCode;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every code order-service can answer is in the error catalogue and in docs/errors.md. */
class OrderProblemCatalogueTest {

    @Test
    void everyCodeOrderServiceAnswersIsCatalogued() {
        // given: the literal codes, plus the aggregate's rejections CommandRunner turns into problems
        // (a NOT_FOUND kind is answered as eventing's NOT_FOUND, never under its own name), plus the
        // contract's document rules DocumentRequestBody answers with
        ProblemCodeScan scan = ProblemCodeScan.ofThisModule();
        Set<String> answered = new TreeSet<>(scan.codes());
        Arrays.stream(OrderErrorCode.values()).filter(c -> c.kind() != OrderErrorCode.Kind.NOT_FOUND)
                .forEach(c -> answered.add(c.name()));
        answered.addAll(DocumentRuleException.CODES);
        // when
        var gaps = ProblemCodeScan.catalogueGaps(answered);
        // then
        assertThat(scan.indirectSites()).containsExactly("CommandRunner: e.code().name()",
                "DocumentRequestBody: e.code()");
        assertThat(gaps).isEmpty();
    }
}
