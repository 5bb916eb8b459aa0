package io.tollgate.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Money;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.ProblemMappers;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** @param format {@link #FORMAT_NDJSON} or {@link #FORMAT_CSV} */
    static List<Line> read(String format, byte[] body, ObjectMapper json) {
        String text = utf8(body);
        String[] physical = text.split("\r?\n", -1);
        List<Line> lines = format.equals(FORMAT_CSV) ? csv(physical, json) : ndjson(physical, json);
        if (lines.isEmpty()) {
            throw ProblemException.badRequest("body", "the batch has no lines");
        }
        return lines;
    }

    private static List<Line> ndjson(String[] physical, ObjectMapper json) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < physical.length; i++) {
            String raw = physical[i];
            if (raw.isBlank()) {
                continue;
            }
            countOne(lines);
            int lineNo = i + 1;
            String key = null;
            try {
                tooLong(raw);
                JsonNode node = json.readTree(raw);
                if (!(node instanceof ObjectNode object)) {
                    throw ProblemException.badRequest("body", "a line must be one JSON object");
                }
                JsonNode keyNode = object.remove(KEY_FIELD);
                key = keyNode == null || keyNode.isNull() ? null : keyNode.asText();
                checkKey(key, keyNode != null && !keyNode.isNull() && !keyNode.isTextual());
                OrderRequestBody request = json.treeToValue(object, OrderRequestBody.class);
                lines.add(new Line(lineNo, key, RequestFields.present("body", request).validated(), null));
            } catch (JsonProcessingException e) {
                lines.add(new Line(lineNo, key, null, ProblemMappers.asProblem(e)));
            } catch (ProblemException e) {
                lines.add(new Line(lineNo, key, null, e));
            }
        }
        return lines;
    }

    private static List<Line> csv(String[] physical, ObjectMapper json) {
        int header = 0;
        while (header < physical.length && physical[header].isBlank()) {
            header++;
        }
        if (header == physical.length) {
            throw ProblemException.badRequest("body", "the batch has no lines");
        }
        Map<String, Integer> columns = columns(physical[header]);
        List<Line> lines = new ArrayList<>();
        for (int i = header + 1; i < physical.length; i++) {
            String raw = physical[i];
            if (raw.isBlank()) {
                continue;
            }
            countOne(lines);
            String key = null;
            try {
                tooLong(raw);
                List<String> fields = fields(raw);
                if (fields.size() != columns.size()) {
                    throw ProblemException.badRequest("line", "the line has " + fields.size()
                            + " fields, the header " + columns.size());
                }
                key = value(fields, columns, KEY_FIELD);
                checkKey(key, false);
                lines.add(new Line(i + 1, key, order(fields, columns).validated(), null));
            } catch (ProblemException e) {
                lines.add(new Line(i + 1, key, null, e));
            }
        }
        return lines;
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

    private static void tooLong(String raw) {
        if (raw.length() > LINE_CHARS_MAX) {
            throw ProblemException.limitExceeded(422, "line", "a line may have at most " + LINE_CHARS_MAX
                    + " characters, this one has " + raw.length());
        }
    }

    private static void countOne(List<Line> lines) {
        if (lines.size() >= LINES_MAX) {
            throw ProblemException.limitExceeded(422, "body", "a batch may have at most " + LINES_MAX
                    + " lines; split it");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", "the batch is not UTF-8 text");
        }
    }
}
