package io.tollgate.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Money;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.ProblemMappers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the body of a batch of order lines into lines, each either an order request with its own
 * Idempotency-Key or the problem that keeps it from being one. A line is checked exactly as the
 * body of {@code POST /api/v1/orders} is (the same JSON mapper, the same {@code validated()}); what
 * makes the whole body unreadable (not UTF-8, no lines, too many, a CSV header that is not ours) is
 * refused as a whole.
 *
 * <p>NDJSON ({@code application/x-ndjson}): one JSON object per line, the order request's fields
 * plus {@code idempotencyKey}. CSV ({@code text/csv}, RFC 4180 quoting, one record per line): a
 * header naming the columns in any order, of {@link #CSV_COLUMNS}. Blank lines are skipped; lines
 * keep their number in the body (CSV's header is line 1).
 */
final class BatchLines {

    /** Lines with an order in one batch, at most. */
    static final int LINES_MAX = 100_000;
    /** Characters of one line, at most (the longest order request, with room for its key and quoting). */
    static final int LINE_CHARS_MAX = 16_000;
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    /** The formats as a batch names them. */
    static final String FORMAT_NDJSON = "ndjson";
    static final String FORMAT_CSV = "csv";
    static final String KEY_FIELD = "idempotencyKey";
    /**
     * CSV columns; the first five and unitPrice, currency are required. The destination and party
     * columns are optional, as the fields of the JSON body are (an empty value is an absent one).
     */
    static final List<String> CSV_COLUMNS = List.of(KEY_FIELD, "customerId", "customerName", "product",
            "quantity", "unitPrice", "currency", "usageScenario", "erpReference", "destination",
            "transactionKind", "buyerHeadquarters", "ultimateParentHeadquarters");
    private static final List<String> CSV_OPTIONAL = List.of("usageScenario", "erpReference", "destination",
            "transactionKind", "buyerHeadquarters", "ultimateParentHeadquarters");
    /** The header's rule for a key (its empty alternative is refused before it is matched). */
    private static final Pattern KEY = Pattern.compile(RequestFields.KEY_PATTERN);

    /** One line: its number and key, and its order request or the problem with it. */
    record Line(int lineNo, String idempotencyKey, OrderRequestBody body, ProblemException problem) {
    }

    private BatchLines() {
    }

    /** The format a Content-Type names; 415 for anything but {@link #NDJSON} and {@link #CSV}. */
    static String formatOf(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals(NDJSON)) {
            return FORMAT_NDJSON;
        }
        if (type.equals(CSV)) {
            return FORMAT_CSV;
        }
        throw new ProblemException(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type", "a batch is "
                + NDJSON + " or " + CSV + " (UTF-8), not " + (type.isEmpty() ? "untyped" : type));
    }

    /**
     * Reads a whole body held in memory; see {@link #read(String, InputStream, ObjectMapper, Consumer)}.
     *
     * @param format {@link #FORMAT_NDJSON} or {@link #FORMAT_CSV}
     */
    static List<Line> read(String format, byte[] body, ObjectMapper json) {
        List<Line> lines = new ArrayList<>();
        read(format, new ByteArrayInputStream(body), json, lines::add);
        return lines;
    }

    /**
     * Reads the body as it arrives and hands each line to {@code sink} in order, holding no more
     * than one line at a time: a body of tens of megabytes is never in memory whole. What makes the
     * body unreadable as a whole (not UTF-8, no lines, more than {@link #LINES_MAX}, a CSV header
     * that is not ours) is thrown when it is found, after the lines before it were handed on: the
     * caller stores nothing until the body has been read to its end.
     *
     * @param format {@link #FORMAT_NDJSON} or {@link #FORMAT_CSV}
     * @return how many lines were handed on
     */
    static int read(String format, InputStream body, ObjectMapper json, Consumer<Line> sink) {
        PhysicalLines physical = new PhysicalLines(body);
        int lines = format.equals(FORMAT_CSV) ? csv(physical, json, sink) : ndjson(physical, json, sink);
        if (lines == 0) {
            throw ProblemException.badRequest("body", "the batch has no lines");
        }
        return lines;
    }

    private static int ndjson(PhysicalLines physical, ObjectMapper json, Consumer<Line> sink) {
        int count = 0;
        for (String raw = physical.next(); raw != null; raw = physical.next()) {
            if (raw.isBlank()) {
                continue;
            }
            count = countOne(count);
            int lineNo = physical.number();
            String key = null;
            try {
                tooLong(physical);
                JsonNode node = json.readTree(raw);
                if (!(node instanceof ObjectNode object)) {
                    throw ProblemException.badRequest("body", "a line must be one JSON object");
                }
                JsonNode keyNode = object.remove(KEY_FIELD);
                key = keyNode == null || keyNode.isNull() ? null : keyNode.asText();
                checkKey(key, keyNode != null && !keyNode.isNull() && !keyNode.isTextual());
                OrderRequestBody request = json.treeToValue(object, OrderRequestBody.class);
                sink.accept(new Line(lineNo, key, RequestFields.present("body", request).validated(), null));
            } catch (JsonProcessingException e) {
                sink.accept(new Line(lineNo, key, null, ProblemMappers.asProblem(e)));
            } catch (ProblemException e) {
                sink.accept(new Line(lineNo, key, null, e));
            }
        }
        return count;
    }

    private static int csv(PhysicalLines physical, ObjectMapper json, Consumer<Line> sink) {
        String header = physical.next();
        while (header != null && header.isBlank()) {
            header = physical.next();
        }
        if (header == null) {
            throw ProblemException.badRequest("body", "the batch has no lines");
        }
        Map<String, Integer> columns = columns(header);
        int count = 0;
        for (String raw = physical.next(); raw != null; raw = physical.next()) {
            if (raw.isBlank()) {
                continue;
            }
            count = countOne(count);
            int lineNo = physical.number();
            String key = null;
            try {
                tooLong(physical);
                List<String> fields = fields(raw);
                if (fields.size() != columns.size()) {
                    throw ProblemException.badRequest("line", "the line has " + fields.size()
                            + " fields, the header " + columns.size());
                }
                key = value(fields, columns, KEY_FIELD);
                checkKey(key, false);
                sink.accept(new Line(lineNo, key, order(fields, columns).validated(), null));
            } catch (ProblemException e) {
                sink.accept(new Line(lineNo, key, null, e));
            }
        }
        return count;
    }

    /**
     * The body's physical lines, decoded as strict UTF-8 while they are read: split at {@code \n}
     * with one {@code \r} before it dropped, as {@code split("\r?\n", -1)} would split the whole
     * text (a lone {@code \r} stays in its line). A line longer than {@link #LINE_CHARS_MAX} keeps
     * only its first characters and its length, enough to refuse it.
     */
    private static final class PhysicalLines {
        private final Reader in;
        private final char[] buffer = new char[16 * 1024];
        private int position;
        private int limit;
        private final StringBuilder line = new StringBuilder();
        private int number;
        private int length;
        private boolean ended;

        PhysicalLines(InputStream body) {
            CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            this.in = new InputStreamReader(body, strict);
        }

        /** The next line, or null after the last (the text after the last {@code \n}, even empty). */
        String next() {
            if (ended) {
                return null;
            }
            line.setLength(0);
            length = 0;
            while (true) {
                if (position == limit && !fill()) {
                    ended = true;
                    break;
                }
                int from = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int run = position - from;
                int room = LINE_CHARS_MAX + 2 - line.length();
                if (room > 0) {
                    line.append(buffer, from, Math.min(run, room));
                }
                length += run;
                if (position < limit) {
                    position++; // the \n
                    break;
                }
            }
            number++;
            if (length == line.length() && length > 0 && line.charAt(length - 1) == '\r') {
                line.setLength(length - 1);
                length--;
            }
            return line.toString();
        }

        private boolean fill() {
            try {
                int read = in.read(buffer);
                position = 0;
                limit = Math.max(read, 0);
                return read > 0;
            } catch (CharacterCodingException e) {
                throw ProblemException.badRequest("body", "the batch is not UTF-8 text");
            } catch (IOException e) {
                throw new UncheckedIOException("the batch's body could not be read", e);
            }
        }

        /** The number of the line {@link #next} gave last, from 1. */
        int number() {
            return number;
        }

        /** The characters of that line, all of them, though a long one was cut. */
        int length() {
            return length;
        }
    }

    private static OrderRequestBody order(List<String> fields, Map<String, Integer> columns) {
        Long quantity = null;
        String quantityText = value(fields, columns, "quantity");
        if (quantityText != null) {
            try {
                quantity = Long.parseLong(quantityText);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("quantity", "quantity must be a whole number, got "
                        + quantityText);
            }
        }
        Money unitPrice = null;
        String amount = value(fields, columns, "unitPrice");
        String currency = value(fields, columns, "currency");
        if (amount != null || currency != null) {
            try {
                unitPrice = new Money(amount, currency);
            } catch (ContractViolationException e) {
                String field = "unitPrice." + e.field();
                throw ProblemException.badRequest(field.equals("unitPrice.currency") ? "currency"
                        : "unitPrice", e.getMessage());
            }
        }
        return new OrderRequestBody(value(fields, columns, "customerId"), value(fields, columns, "customerName"),
                value(fields, columns, "product"), quantity, unitPrice, value(fields, columns, "usageScenario"),
                value(fields, columns, "erpReference"), value(fields, columns, "destination"),
                value(fields, columns, "transactionKind"), value(fields, columns, "buyerHeadquarters"),
                value(fields, columns, "ultimateParentHeadquarters"));
    }

    private static Map<String, Integer> columns(String header) {
        List<String> names = fields(header);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (!CSV_COLUMNS.contains(name)) {
                throw new ProblemException(422, "UNKNOWN_FIELD", name, "unknown CSV column " + name
                        + "; the columns are " + CSV_COLUMNS);
            }
            if (columns.put(name, i) != null) {
                throw ProblemException.badRequest(name, "CSV column " + name + " is named twice");
            }
        }
        for (String name : CSV_COLUMNS) {
            if (!CSV_OPTIONAL.contains(name) && !columns.containsKey(name)) {
                throw ProblemException.badRequest(name, "the CSV header must name column " + name);
            }
        }
        return columns;
    }

    /** A column's value; empty is absent. */
    private static String value(List<String> fields, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null) {
            return null;
        }
        String value = fields.get(index);
        return value.isEmpty() ? null : value;
    }

    /** The fields of one CSV record on one line: RFC 4180 quoting ({@code ""} inside quotes is a quote). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw ProblemException.badRequest("line", "a quoted field is not closed on its line");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw ProblemException.badRequest("line", "text after a closing quote at character " + (i + 1));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw ProblemException.badRequest("line", "a quote inside an unquoted field at character " + i);
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static void checkKey(String key, boolean notText) {
        if (notText) {
            throw ProblemException.badRequest(KEY_FIELD, KEY_FIELD + " must be a string");
        }
        if (key == null || key.isEmpty()) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_REQUIRED", KEY_FIELD,
                    "every line needs its own " + KEY_FIELD + ", e.g. the ERP's order line id");
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest(KEY_FIELD, KEY_FIELD + " " + RequestFields.KEY_RULE);
        }
    }

    private static void tooLong(PhysicalLines physical) {
        if (physical.length() > LINE_CHARS_MAX) {
            throw ProblemException.limitExceeded(422, "line", "a line may have at most " + LINE_CHARS_MAX
                    + " characters, this one has " + physical.length());
        }
    }

    /** One more line with an order: {@code count + 1}, or 422 beyond {@link #LINES_MAX}. */
    private static int countOne(int count) {
        if (count >= LINES_MAX) {
            throw ProblemException.limitExceeded(422, "body", "a batch may have at most " + LINES_MAX
                    + " lines; split it");
        }
        return count + 1;
    }
}
