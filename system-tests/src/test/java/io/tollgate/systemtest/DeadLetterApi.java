package io.tollgate.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Roles;
import io.tollgate.deploy.demo.Credentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One service's {@code /api/v1/dead-letters} as an operator reads it. */
final class DeadLetterApi {

    private static final int PAGE = 200;
    /** Bounds a listing at 100,000 dead letters: far above anything a case injects. */
    private static final int PAGES_MAX = 500;

    private final Http operator;

    DeadLetterApi(Credentials credentials, ServiceProcess service) {
        this.operator = new Http(credentials, Roles.OPERATOR, service.baseUrl());
    }

    /** Every dead letter of the service (of one consumer group when {@code group} is not null). */
    List<JsonNode> all(String group) {
        List<JsonNode> all = new ArrayList<>();
        long afterId = 0;
        for (int page = 0; page < PAGES_MAX; page++) {
            String path = "/api/v1/dead-letters?limit=" + PAGE + "&afterId=" + afterId
                + (group == null ? "" : "&consumerGroup=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
            JsonNode body = operator.get(path).expect(200).json();
            body.path("items").forEach(all::add);
            JsonNode next = body.path("nextAfterId");
            if (next.isMissingNode() || next.isNull()) {
                return all;
            }
            afterId = next.asLong();
        }
        throw new AssertionError("more than " + PAGES_MAX + " pages of dead letters");
    }
}
