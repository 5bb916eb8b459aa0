package io.tollgate.eventing.security;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps every log record on one line whatever a caller sent: request paths, idempotency keys, event
 * ids and dead-letter reasons reach the logs from outside, and a line feed in one of them would let
 * its sender write a forged line into the plain-text log. The record's message is formatted with
 * its parameters, then CR, LF, the other control characters and the Unicode line and paragraph
 * separators are written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u2028}); the
 * record goes on with that text and no parameters. Attached to the console handler
 * ({@code quarkus.log.console.filter}); stack traces are printed by the handler after the message
 * and are not touched. JSON lines escape as JSON on top of this.
 */
@LoggingFilter(name = LogLineEscape.NAME)
public final class LogLineEscape implements Filter {

    public static final String NAME = "tollgate-log-line-escape";

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (formatted == null) {
            return true;
        }
        String escaped = escape(formatted);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(escaped, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(escaped);
        }
        record.setParameters(null);
        return true;
    }

    /** {@code text} with every character that could end or disguise a log line written as an escape. */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
