package io.tollgate.audit.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.audit.rules.Entry;
import io.tollgate.audit.rules.Kind;
import io.tollgate.audit.rules.Line;
import io.tollgate.audit.rules.Side;
import io.tollgate.audit.rules.Source;
import io.tollgate.contracts.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a journal {@link JournalWriter} wrote (CSV or JSON Lines, told apart by the first
 * character) back into entries, checking that each one balances, so figures can be summed from a
 * saved export without the topics.
 */
public final class JournalReader {

    private static final ObjectMapper MAPPER = WireJson.mapper();

    private JournalReader() {
    }

    /** Reads every entry of {@code file} into {@code sink}; returns how many. */
    public static long read(Path file, Consumer<Entry> sink) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.mark(1);
            int first = in.read();
            in.reset();
            return first == '{' ? jsonl(in, sink) : csv(in, sink);
        } catch (IOException e) {
            throw new JournalException(file + ": " + e.getMessage(), e);
        }
    }

    private static long jsonl(BufferedReader in, Consumer<Entry> sink) throws IOException {
        long n = 0;
        try (MappingIterator<JsonNode> lines = MAPPER.readerFor(JsonNode.class).readValues(in)) {
            while (lines.hasNextValue()) {
                JsonNode e = lines.nextValue();
                n++;
                deliver(entryOf(e, n), n, sink);
            }
        } catch (IllegalArgumentException e) {
            throw new JournalException("entry " + (n + 1) + ": " + e.getMessage(), e);
        }
        return n;
    }

    private static Entry entryOf(JsonNode e, long n) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : e.path("lines")) {
            lines.add(new Line(text(l, "account", n), text(l, "currency", n),
                    side(text(l, "side", n), n), l.path("amountMinor").asLong()));
        }
        Source source = new Source(text(e, "sourceEventId", n), text(e, "sourceTopic", n),
                e.path("sourcePartition").asInt(), e.path("sourceOffset").asLong(),
                instant(text(e, "sourceRecordTime", n), n), e.path("principal").textValue());
        return new Entry(text(e, "entryId", n), kind(text(e, "kind", n), n), text(e, "orderId", n),
                source, instant(text(e, "businessTime", n), n),
                instant(text(e, "recordedTime", n), n), lines);
    }

    private static long csv(BufferedReader in, Consumer<Entry> sink) throws IOException {
        List<String> header = Csv.readRow(in);
        if (header == null || !header.equals(Arrays.asList(JournalFormat.CSV_COLUMNS))) {
            throw new JournalException("the first row is not the journal's header "
                    + String.join(",", JournalFormat.CSV_COLUMNS));
        }
        long row = 1;
        long entries = 0;
        List<List<String>> group = new ArrayList<>();
        for (List<String> cells = Csv.readRow(in); cells != null; cells = Csv.readRow(in)) {
            row++;
            if (cells.size() == 1 && cells.get(0).isEmpty()) {
                continue;
            }
            if (cells.size() != JournalFormat.CSV_COLUMNS.length) {
                throw new JournalException("row " + row + " has " + cells.size()
                        + " cells, expected " + JournalFormat.CSV_COLUMNS.length);
            }
            if (!group.isEmpty() && !group.get(0).get(0).equals(cells.get(0))) {
                deliver(entryOf(group, row), row, sink);
                entries++;
                group.clear();
            }
            group.add(cells);
        }
        if (!group.isEmpty()) {
            deliver(entryOf(group, row), row, sink);
            entries++;
        }
        return entries;
    }

    private static Entry entryOf(List<List<String>> rows, long row) {
        try {
            List<String> e = rows.get(0);
            List<Line> lines = new ArrayList<>();
            for (List<String> r : rows) {
                lines.add(new Line(r.get(12), r.get(13), side(r.get(14), row),
                        Long.parseLong(r.get(16))));
            }
            Source source = new Source(e.get(5), e.get(6), Integer.parseInt(e.get(7)),
                    Long.parseLong(e.get(8)), instant(e.get(9), row),
                    e.get(10).isEmpty() ? null : e.get(10));
            return new Entry(e.get(0), kind(e.get(1), row), e.get(2), source,
                    instant(e.get(3), row), instant(e.get(4), row), lines);
        } catch (IllegalArgumentException e) {
            throw new JournalException("before row " + row + ": " + e.getMessage(), e);
        }
    }

    private static void deliver(Entry entry, long where, Consumer<Entry> sink) {
        if (!entry.imbalance().isEmpty()) {
            throw new JournalException("entry " + entry.id() + " (near " + where
                    + ") does not balance: " + entry.imbalance()
                    + " — the file was changed after it was exported");
        }
        sink.accept(entry);
    }

    private static String text(JsonNode node, String field, long n) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new JournalException("entry " + n + " has no text field " + field);
        }
        return value.textValue();
    }

    private static Side side(String word, long where) {
        if ("debit".equals(word)) {
            return Side.D;
        }
        if ("credit".equals(word)) {
            return Side.C;
        }
        throw new JournalException("near " + where + ": side must be debit or credit, got "
                + word);
    }

    private static Kind kind(String name, long where) {
        try {
            return Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new JournalException("near " + where + ": unknown entry kind " + name);
        }
    }

    private static Instant instant(String text, long where) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new JournalException("near " + where + ": not an ISO-8601 instant: " + text);
        }
    }
}
