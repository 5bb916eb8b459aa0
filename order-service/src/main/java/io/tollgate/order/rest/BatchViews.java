package io.tollgate.order.rest;

import io.tollgate.eventing.rest.Problem;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the batch endpoints answer. */
final class BatchViews {

    private BatchViews() {
    }

    /**
     * A batch and its progress.
     *
     * @param state    RUNNING while a line is pending, then DONE
     * @param lines    lines with an order request in the body (blank lines and CSV's header not counted)
     * @param pending  lines not yet decided
     * @param accepted lines whose order exists (made by this batch or before, under the line's key)
     * @param rejected lines refused, each with its problem
     * @param linesUrl where the per-line results are
     */
    @Schema(name = "OrderBatch")
    record BatchView(String batchId, String format, String state, int lines, int pending, int accepted,
                     int rejected, Instant createdAt, @Schema(nullable = true) Instant finishedAt,
                     String linesUrl) {
    }

    /**
     * One line's result.
     *
     * @param line           the line's number in the uploaded body (CSV's header is line 1)
     * @param idempotencyKey the line's key, when it could be read
     * @param state          PENDING, ACCEPTED or REJECTED
     * @param orderId        the line's order when ACCEPTED
     * @param problem        why, when REJECTED
     */
    @Schema(name = "OrderBatchLine")
    record LineResult(int line, @Schema(nullable = true) String idempotencyKey, BatchStore.LineState state,
                      @Schema(nullable = true) String orderId,
                      @Schema(ref = "#/components/schemas/Problem") Problem problem) {
    }
}
