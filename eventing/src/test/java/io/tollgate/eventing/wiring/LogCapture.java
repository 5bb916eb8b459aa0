package io.tollgate.eventing.wiring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * Every log record the application writes while open, with the MDC it was written with, taken
 * from the root logger of the JBoss log manager Quarkus logs through.
 */
final class LogCapture extends ExtHandler implements AutoCloseable {

    /** One line: who wrote it, on which thread, the formatted message and the MDC at the time. */
    record Line(String logger, String thread, String message, Map<String, String> mdc) {

        String mdc(String key) {
            return mdc.get(key);
        }
    }

    /** More lines than any test writes: a runaway test cannot fill the heap. */
    private static final int LINES_MAX = 100_000;

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root = LogContext.getLogContext().getLogger("");

    private LogCapture() {
    }

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        if (lines.size() < LINES_MAX) {
            lines.add(new Line(record.getLoggerName(), record.getThreadName(),
                    record.getFormattedMessage(), Map.copyOf(record.getMdcCopy())));
        }
    }

    List<Line> lines(Predicate<Line> which) {
        return lines.stream().filter(which).toList();
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
