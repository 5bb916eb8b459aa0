package io.tollgate.audit.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 cells: quoted when they hold a comma, a quote or a line break; quotes doubled. */
final class Csv {

    /** Longest cell read back: far above any id, account or time the journal holds. */
    static final int CELL_CHARS_MAX = 100_000;

    private Csv() {
    }

    /** A null cell is written empty. */
    static void writeCell(Writer out, String cell) throws IOException {
        if (cell == null) {
            return;
        }
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        if (!quote) {
            out.write(cell);
            return;
        }
        out.write('"');
        out.write(cell.replace("\"", "\"\""));
        out.write('"');
    }

    /** The cells of the next row, or null at the end of the input. Empty cells read as "". */
    static List<String> readRow(Reader in) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = in.read()) >= 0) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            in.reset();
                        }
                    }
                } else {
                    cell.append((char) c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                break;
            } else if (c != '\r') {
                cell.append((char) c);
            }
            if (cell.length() > CELL_CHARS_MAX) {
                throw new IOException("a CSV cell is longer than " + CELL_CHARS_MAX
                        + " characters");
            }
        }
        if (!any) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
