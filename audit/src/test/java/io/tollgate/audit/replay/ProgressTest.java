package io.tollgate.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A long replay tells the terminal where it is; a quiet one, or a short one, says nothing. */
class ProgressTest {

    @Test
    void aLongReplayPrintsRecordsDoneOfTheTotalAndTheRate() {
        // given
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), false, Duration.ZERO);

        // when
        progress.tick("replayed", 4_096, 10_000);
        progress.done("replayed", 10_000);

        // then
        assertThat(err.toString()).contains("audit: replayed 4,096 of 10,000 records (41%)")
                .contains("records/s").contains("s left")
                .contains("audit: replayed 10,000 records in");
    }

    @Test
    void quietOrShortReplaysPrintNothing() {
        // given
        StringWriter quietErr = new StringWriter();
        StringWriter shortErr = new StringWriter();
        Progress quiet = new Progress(new PrintWriter(quietErr), true, Duration.ZERO);
        Progress brief = new Progress(new PrintWriter(shortErr), false, Duration.ofHours(1));

        // when
        quiet.tick("replayed", 4_096, 10_000);
        quiet.done("replayed", 10_000);
        brief.tick("replayed", 4_096, 10_000);
        brief.done("replayed", 10_000);

        // then
        assertThat(quietErr.toString()).isEmpty();
        assertThat(shortErr.toString()).isEmpty();
    }
}
