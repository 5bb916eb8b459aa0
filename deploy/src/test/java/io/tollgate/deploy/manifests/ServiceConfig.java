package io.tollgate.deploy.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service's configuration as the service itself defines it: its {@code application.properties}
 * over eventing's shared defaults ({@code META-INF/microprofile-config.properties}). The manifests
 * are checked against this, never against values copied into the test.
 */
record ServiceConfig(String name, Properties own, Properties shared, String version) {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final List<String> NAMES = List.of("order-service", "regulator-service", "ledger-service");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PARENT_VERSION =
        Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL);

    static List<ServiceConfig> all() {
        Properties shared = load(REPO.resolve(
            "eventing/src/main/resources/META-INF/microprofile-config.properties"));
        return NAMES.stream().map(name -> new ServiceConfig(name,
            load(REPO.resolve(name).resolve("src/main/resources/application.properties")), shared,
            parentVersion(REPO.resolve(name).resolve("pom.xml")))).toList();
    }

    static Properties load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("missing " + file + ": the manifests are checked against it");
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return props;
    }

    private static String parentVersion(Path pom) {
        try {
            Matcher m = PARENT_VERSION.matcher(Files.readString(pom));
            if (!m.find()) {
                throw new AssertionError("no parent version in " + pom);
            }
            return m.group(1).trim();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pom, e);
        }
    }

    /** The value in the prod profile: the service's %prod. key, its plain key, then the shared one. */
    String prod(String key) {
        String value = own.getProperty("%prod." + key, own.getProperty(key, shared.getProperty(key)));
        if (value == null) {
            throw new AssertionError(name + " defines no " + key);
        }
        return value;
    }

    /** A value with a leading {@code ${ENV:default}} resolved to its default. */
    String prodDefault(String key) {
        String value = prod(key);
        Matcher m = Pattern.compile("^\\$\\{[A-Z0-9_]+:([^}]*)}$").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    int httpPort() {
        return Integer.parseInt(prodDefault("quarkus.http.port"));
    }

    String dbName() {
        return prodDefault("tollgate.db.name");
    }

    /** {@code /q} unless the service moved Quarkus's non-application endpoints. */
    String nonApplicationRoot() {
        String root = own.getProperty("quarkus.http.non-application-root-path", "q");
        return root.startsWith("/") ? root : "/" + root;
    }

    String readinessPath() {
        return nonApplicationRoot() + "/health/ready";
    }

    String livenessPath() {
        return nonApplicationRoot() + "/health/live";
    }

    String startupPath() {
        return nonApplicationRoot() + "/health/started";
    }

    String metricsPath() {
        return nonApplicationRoot() + "/metrics";
    }

    /**
     * Every environment variable the service reads: the MicroProfile Config form of each property
     * key it or eventing defines (tollgate.pg.url -> TOLLGATE_PG_URL), plus each ${ENV} a value
     * refers to.
     */
    Set<String> knownEnvironmentVariables() {
        Set<String> known = new HashSet<>();
        for (Properties props : List.of(own, shared)) {
            for (String key : props.stringPropertyNames()) {
                String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                known.add(plain.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT));
                Matcher m = ENV_REFERENCE.matcher(props.getProperty(key));
                while (m.find()) {
                    known.add(m.group(1));
                }
            }
        }
        return known;
    }

    /** Values {@code tollgate.db} may take: the rows of eventing's db switch table. */
    Set<String> databaseKinds() {
        Set<String> kinds = new HashSet<>();
        for (String key : shared.stringPropertyNames()) {
            if (key.startsWith("tollgate.db-switch.")) {
                kinds.add(key.split("\\.")[2]);
            }
        }
        return kinds;
    }

    /** The image Quarkus's container-image support (Jib) builds, with Tollgate's group default. */
    String image() {
        String group = own.getProperty("quarkus.container-image.group", "tollgate");
        String image = own.getProperty("quarkus.container-image.name", name);
        String tag = own.getProperty("quarkus.container-image.tag", version);
        return group + "/" + image + ":" + tag;
    }
}
