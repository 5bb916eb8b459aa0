package io.tollgate.deploy.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file, bounded in bytes, so failures can show their evidence. */
public final class LogTail {

    /** Never read more than this from the end of a file: logs can be large. */
    private static final int TAIL_BYTES_MAX = 64 * 1024;

    private LogTail() {
    }

    /** The last {@code linesMax} lines of {@code file}, each prefixed with {@code "  | "}. */
    public static String of(Path file, int linesMax) {
        if (!Files.isRegularFile(file)) {
            return "  (no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, TAIL_BYTES_MAX);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> lines = new ArrayList<>(
                Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (size < length && !lines.isEmpty()) {
                lines.remove(0); // The first line was cut in the middle.
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - linesMax), lines.size());
            StringBuilder out = new StringBuilder("  last lines of " + file + ":\n");
            for (String line : tail) {
                out.append("  | ").append(line).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "  (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
