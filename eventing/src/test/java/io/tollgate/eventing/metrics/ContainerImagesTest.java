package io.tollgate.eventing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each service's src/main/docker/Dockerfile.jvm, deploy/compose and deploy/k8s agree on the image
 * ({@code tollgate/<service>:<project version>}) and the port, the image runs as a non-root user
 * from the Quarkus fast-jar layout, and {@code kubectl kustomize deploy/k8s} renders.
 */
class ContainerImagesTest {

    /** The services and the HTTP port each one's application.properties sets. */
    private static final List<String> SERVICES = List.of("order-service", "regulator-service",
            "ledger-service");
    private static final Pattern IMAGE_LINE = Pattern.compile("image:\\s*(tollgate/\\S+)");

    @Test
    void dockerfilesBuildTheImageTheManifestsRunAsANonRootUser() {
        for (String service : SERVICES) {
            // given
            String image = image(service);
            String port = httpPort(service);
            String dockerfile = RepoFiles.read(service + "/src/main/docker/Dockerfile.jvm");

            // then
            assertThat(dockerfile).as(service).contains("-t " + image + " " + service)
                    .contains("org.opencontainers.image.title=\"tollgate/" + service + "\"")
                    .contains("org.opencontainers.image.version=\"" + projectVersion() + "\"")
                    .contains("EXPOSE " + port + "\n")
                    .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                            "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                            "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                            "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
                            "ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
            assertThat(lastUser(dockerfile)).as(service + " runs as").isNotIn("root", "0", "");
        }
    }

    @Test
    void composeAndKubernetesRunTheseImagesOnTheServicesPorts() {
        String compose = RepoFiles.read("deploy/compose/compose.yaml");
        List<String> expected = new ArrayList<>();
        for (String service : SERVICES) {
            String k8s = RepoFiles.read("deploy/k8s/" + service + ".yaml");
            String port = httpPort(service);
            expected.add(image(service));

            assertThat(k8s).as(service).contains("image: " + image(service) + "\n")
                    .contains("containerPort: " + port + "\n");
            assertThat(compose).as(service).contains("\n  " + service + ":\n    image: "
                    + image(service) + "\n").contains("\"127.0.0.1:" + port + ":" + port + "\"");
        }
        List<String> referenced = new ArrayList<>(images(compose));
        for (String service : SERVICES) {
            referenced.addAll(images(RepoFiles.read("deploy/k8s/" + service + ".yaml")));
        }
        assertThat(referenced).as("every tollgate image the manifests name").isNotEmpty()
                .allMatch(expected::contains);
    }

    @Test
    void kustomizeRendersTheKubernetesManifests() {
        // when
        OpsTool.Result result = OpsTool.runTool("kubectl", "kubernetes-client", "kustomize",
                RepoFiles.path("deploy/k8s").toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        for (String service : SERVICES) {
            assertThat(result.output()).contains("image: " + image(service) + "\n");
        }
        assertThat(result.output()).contains("namespace: tollgate");
    }

    private static String image(String service) {
        return "tollgate/" + service + ":" + projectVersion();
    }

    /** The version of the root pom (the parent every module inherits its version from). */
    private static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>tollgate-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(RepoFiles.read("pom.xml"));
        assertThat(m.find()).as("version of tollgate-parent in pom.xml").isTrue();
        return m.group(1).strip();
    }

    /** quarkus.http.port of the service, as its application.properties sets it for every profile. */
    private static String httpPort(String service) {
        String file = service + "/src/main/resources/application.properties";
        assertThat(Files.isRegularFile(RepoFiles.path(file))).as(file).isTrue();
        Matcher m = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)\\s*$").matcher(RepoFiles.read(file));
        assertThat(m.find()).as("quarkus.http.port in " + file).isTrue();
        return m.group(1);
    }

    private static String lastUser(String dockerfile) {
        String user = "";
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("USER ")) {
                user = line.substring("USER ".length()).strip();
            }
        }
        return user;
    }

    private static List<String> images(String manifest) {
        List<String> out = new ArrayList<>();
        Matcher m = IMAGE_LINE.matcher(manifest);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
