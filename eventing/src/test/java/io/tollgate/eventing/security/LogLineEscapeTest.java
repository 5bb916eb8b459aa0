package io.tollgate.eventing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class LogLineEscapeTest {

    private final LogLineEscape filter = new LogLineEscape();

    @Test
    void aValueFromOutsideCannotStartANewLine() {
        String forged = "PO-1\n12:00:00.000 INFO  [i.t.o.OrderResource] order approved by compliance";
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "request %s could not be served now: %s",
                ExtLogRecord.FormatStyle.PRINTF, LogLineEscapeTest.class.getName());
        record.setParameters(new Object[] {"/api/v1/orders/" + forged, "busy\r\n"});

        assertThat(filter.isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage())
                .isEqualTo("request /api/v1/orders/PO-1\\n12:00:00.000 INFO  [i.t.o.OrderResource] order "
                        + "approved by compliance could not be served now: busy\\r\\n")
                .doesNotContain("\n", "\r");
        assertThat(record.getParameters()).isNull();
    }

    @Test
    void everyControlCharacterAndTheUnicodeSeparatorsAreEscaped() {
        assertThat(LogLineEscape.escape("a\tb\u0000c\u001bd\u0085e\u2028f\u2029g\u007f"))
                .isEqualTo("a\\tb\\u0000c\\u001bd\\u0085e\\u2028f\\u2029g\\u007f");
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "consumer ledger-service: parked order-requested/0@17 — Grüße, 25 % due";
        assertThat(LogLineEscape.escape(text)).isSameAs(text);
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "rebuild {0} started by {1}",
                ExtLogRecord.FormatStyle.MESSAGE_FORMAT, LogLineEscapeTest.class.getName());
        record.setParameters(new Object[] {"r-1", "operator"});
        filter.isLoggable(record);
        assertThat(record.getFormattedMessage()).isEqualTo("rebuild r-1 started by operator");
    }
}
