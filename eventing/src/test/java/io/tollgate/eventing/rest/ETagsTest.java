package io.tollgate.eventing.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strong tags follow the exact body; If-None-Match compares weakly, If-Match strongly (RFC 9110). */
class ETagsTest {

    private final ETags etags = new ETags(new ObjectMapper());

    @Test
    void equalBodiesShareATagAndAnyChangeGivesAnother() {
        // given
        String a = ETags.tagOf("{\"status\":\"REQUESTED\"}".getBytes(StandardCharsets.UTF_8));
        String same = ETags.tagOf("{\"status\":\"REQUESTED\"}".getBytes(StandardCharsets.UTF_8));
        String changed = ETags.tagOf("{\"status\":\"CANCELLED\"}".getBytes(StandardCharsets.UTF_8));
        // then
        assertThat(a).isEqualTo(same).isNotEqualTo(changed).matches("\"[A-Za-z0-9_-]{22}\"");
    }

    @Test
    void ifNoneMatchIgnoresTheWeakPrefixAndIfMatchNeverMatchesAWeakTag() {
        // given
        String tag = "\"abc\"";
        // then
        assertThat(ETags.anyMatches("W/\"abc\"", tag, true)).isTrue();
        assertThat(ETags.anyMatches("W/\"abc\"", tag, false)).isFalse();
        assertThat(ETags.anyMatches("\"x\", \"abc\"", tag, false)).isTrue();
        assertThat(ETags.anyMatches("*", tag, false)).isTrue();
        assertThat(ETags.anyMatches("\"x\"", tag, true)).isFalse();
    }

    @Test
    void aStaleIfMatchIsRefusedWith412NamingTheHeaderAndAnAbsentOnePasses() {
        // given
        Map<String, String> current = Map.of("status", "REQUESTED");
        String tag = etags.tagOf(current);
        // when / then
        etags.requireMatch(null, current);
        etags.requireMatch(tag, current);
        assertThatThrownBy(() -> etags.requireMatch("\"stale\"", current))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(412);
                    assertThat(p.code()).isEqualTo("PRECONDITION_FAILED");
                    assertThat(p.field()).isEqualTo("If-Match");
                });
    }

    @Test
    void anOverlongIfMatchIsRefusedAndAnOverlongIfNoneMatchOnlyMisses() {
        // given
        String overlong = "\"" + "a".repeat(ETags.HEADER_CHARS_MAX) + "\"";
        // then
        assertThat(ETags.anyMatches(overlong, "\"a\"", true)).isFalse();
        assertThatThrownBy(() -> ETags.anyMatches(overlong, "\"a\"", false))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
    }
}
