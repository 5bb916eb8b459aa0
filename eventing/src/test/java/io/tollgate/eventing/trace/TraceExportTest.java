package io.tollgate.eventing.trace;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A misspelt export setting stops the service instead of silently exporting nothing. */
class TraceExportTest {

    @Test
    void onlyNoneAndOtlpAreAccepted() {
        // given
        TraceExport none = exportOf("none");
        TraceExport otlp = exportOf("otlp");
        TraceExport misspelt = exportOf("otpl");

        // when / then
        assertThatCode(() -> none.check(null)).doesNotThrowAnyException();
        assertThatCode(() -> otlp.check(null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> misspelt.check(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tollgate.traces.export").hasMessageContaining("otpl");
    }

    private static TraceExport exportOf(String value) {
        TraceExport export = new TraceExport();
        export.export = value;
        return export;
    }
}
