package io.tollgate.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void cpuTicksAreUserPlusSystemEvenWhenTheCommandNameHasSpacesAndParentheses() {
        // given: pid, comm, state, then fields 4..13, utime=250, stime=50
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0";

        // when / then
        assertThat(ProcessStats.cpuTicks(stat)).isEqualTo(300);
    }

    @Test
    void cpuPercentIsOfOneCoreOverTheWallClockInterval() {
        // given: 150 ticks (1.5 s of CPU) over 1 s
        ProcessStats.Reading before = new ProcessStats.Reading(1, 1_000, 0);
        ProcessStats.Reading after = new ProcessStats.Reading(1, 1_150, 1_000_000_000L);

        // when / then
        assertThat(ProcessStats.cpuPercent(before, after)).isEqualTo(150.0);
    }

    @Test
    void theRunningJvmHasARssAndUsesCpu() {
        // given
        long pid = ProcessHandle.current().pid();
        ProcessStats.Reading before = ProcessStats.read(pid).orElseThrow();
        long spin = 0;
        for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) {
            spin++;
        }

        // when
        Optional<ProcessStats.Usage> usage = ProcessStats.usageSince("test", before);

        // then
        assertThat(spin).isPositive();
        assertThat(usage).hasValueSatisfying(u -> {
            assertThat(u.rssMb()).isPositive();
            assertThat(u.rssPeakMb()).isGreaterThanOrEqualTo(u.rssMb());
            assertThat(u.cpuPercent()).isPositive();
        });
        assertThat(ProcessStats.kilobytes(List.of("VmRSS:\t  2048 kB"), "VmRSS:")).isEqualTo(2048);
    }
}
