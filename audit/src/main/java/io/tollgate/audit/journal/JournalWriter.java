package io.tollgate.audit.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tollgate.audit.figures.Basis;
import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Line;
import io.tollgate.contracts.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Streams derived entries out as they are made, in the replay's order, with who caused each one
 * (the source event's principal): CSV with a header row and one row per line (RFC 4180 quoting),
 * or JSON Lines with one object per entry. Entries outside [from, to] on the chosen basis are left
 * out.
 */
public final class JournalWriter implements Consumer<Entry>, AutoCloseable {

    /** No separator between root values: each entry ends with its own line break. */
    private static final JsonFactory JSON =
            new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final JournalFormat format;
    private final Writer out;
    private final JsonGenerator json;
    private final Basis basis;
    private final Instant from;
    private final Instant to;
    private long written;

    /** {@code from}, {@code to}: inclusive bounds, either null for none. */
    public JournalWriter(JournalFormat format, Writer out, Basis basis, Instant from, Instant to) {
        this.format = format;
        this.out = out;
        this.basis = basis;
        this.from = from == null ? null : from.truncatedTo(ChronoUnit.MICROS);
        this.to = to == null ? null : to.truncatedTo(ChronoUnit.MICROS);
        try {
            this.json = format == JournalFormat.JSONL ? JSON.createGenerator(out) : null;
            if (format == JournalFormat.CSV) {
                out.write(String.join(",", JournalFormat.CSV_COLUMNS));
                out.write("\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }

    /** Entries written so far. */
    public long written() {
        return written;
    }

    @Override
    public void accept(Entry entry) {
        Instant t = basis == Basis.BUSINESS ? entry.businessTime() : entry.recordedTime();
        if (from != null && t.isBefore(from) || to != null && t.isAfter(to)) {
            return;
        }
        try {
            if (format == JournalFormat.CSV) {
                csv(entry);
            } else {
                jsonl(entry);
            }
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }

    private void csv(Entry e) throws IOException {
        int n = 0;
        for (Line line : e.lines()) {
            String[] cells = {e.id(), e.kind().name(), e.orderId(), e.businessTime().toString(),
                e.recordedTime().toString(), e.source().eventId(), e.source().topic(),
                String.valueOf(e.source().partition()), String.valueOf(e.source().offset()),
                e.source().recordTime().toString(), e.source().principal(), String.valueOf(++n),
                line.account(), line.currency(), line.side().word(), decimal(line),
                String.valueOf(line.amountMinor())};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                Csv.writeCell(out, cells[i]);
            }
            out.write("\r\n");
        }
    }

    private void jsonl(Entry e) throws IOException {
        json.writeStartObject();
        json.writeStringField("entryId", e.id());
        json.writeStringField("kind", e.kind().name());
        json.writeStringField("orderId", e.orderId());
        json.writeStringField("businessTime", e.businessTime().toString());
        json.writeStringField("recordedTime", e.recordedTime().toString());
        json.writeStringField("sourceEventId", e.source().eventId());
        json.writeStringField("sourceTopic", e.source().topic());
        json.writeNumberField("sourcePartition", e.source().partition());
        json.writeNumberField("sourceOffset", e.source().offset());
        json.writeStringField("sourceRecordTime", e.source().recordTime().toString());
        if (e.source().principal() == null) {
            json.writeNullField("principal");
        } else {
            json.writeStringField("principal", e.source().principal());
        }
        json.writeArrayFieldStart("lines");
        for (Line line : e.lines()) {
            json.writeStartObject();
            json.writeStringField("account", line.account());
            json.writeStringField("currency", line.currency());
            json.writeStringField("side", line.side().word());
            json.writeStringField("amount", decimal(line));
            json.writeNumberField("amountMinor", line.amountMinor());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static String decimal(Line line) {
        return Money.ofMinor(line.amountMinor(), line.currency()).amount();
    }

    @Override
    public void close() {
        try {
            if (json != null) {
                json.flush();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }
}
