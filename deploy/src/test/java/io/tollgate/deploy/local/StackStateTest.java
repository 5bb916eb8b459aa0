package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

    @TempDir
    Path dir;

    @Test
    void theSettingsOfUpComeBackAsTheyWereGivenAndOnlyTheOwnerCanReadThem() throws Exception {
        // given
        List<ServiceSpec> services = List.of(ServiceSpec.ORDER.withPort(18081),
            ServiceSpec.REGULATOR.withPort(18082), ServiceSpec.LEDGER.withPort(18083));
        LocalStack.UpOptions options = new LocalStack.UpOptions(19092, 19093, Duration.ofSeconds(5),
            Database.postgres("jdbc:postgresql://db:5432?sslmode=require", "tollgate", "s3cret"), services);
        Path file = dir.resolve("run/stack.properties");

        // when
        StackState.of(options).write(file);
        LocalStack.UpOptions back = StackState.read(file).orElseThrow().options(Duration.ofSeconds(7));

        // then
        assertThat(back).isEqualTo(new LocalStack.UpOptions(19092, 19093, Duration.ofSeconds(7),
            options.database(), services));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void noFileMeansNoState() {
        assertThat(StackState.read(dir.resolve("missing.properties"))).isEmpty();
    }
}
