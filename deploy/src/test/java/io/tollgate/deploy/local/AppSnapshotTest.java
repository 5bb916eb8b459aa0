package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void theCopyFollowsTheBuildAndSurvivesItsDeletion() throws Exception {
        // given a quarkus-app as a build leaves it
        Path build = dir.resolve("target/quarkus-app");
        Files.createDirectories(build.resolve("lib/main"));
        Files.writeString(build.resolve("quarkus-run.jar"), "run");
        Files.writeString(build.resolve("lib/main/a.jar"), "a");
        Files.writeString(build.resolve("lib/main/old.jar"), "old");
        Path copy = dir.resolve("data/app");

        // when copied, then rebuilt with one jar gone, then copied again
        assertThat(AppSnapshot.sync(build, copy)).isEqualTo(3);
        assertThat(AppSnapshot.sync(build, copy)).as("nothing changed, nothing copied").isZero();
        Files.delete(build.resolve("lib/main/old.jar"));
        Files.writeString(build.resolve("lib/main/b.jar"), "b");
        int copied = AppSnapshot.sync(build, copy);

        // then the copy is exact, and a later `mvn clean` does not touch it
        assertThat(copied).isEqualTo(1);
        assertThat(copy.resolve("lib/main/old.jar")).doesNotExist();
        assertThat(copy.resolve("lib/main/b.jar")).hasContent("b");
        Files.walk(build).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertThat(copy.resolve("quarkus-run.jar")).hasContent("run");
    }
}
