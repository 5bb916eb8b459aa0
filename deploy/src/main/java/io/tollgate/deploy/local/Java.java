package io.tollgate.deploy.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java runtime the launcher runs on, which also runs the broker and the services. */
final class Java {

    static final int FEATURE_MIN = 17;

    private Java() {
    }

    /** The {@code java} executable of this JVM, so children run on the version that was checked. */
    static String executable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    static void requireSupportedVersion() {
        int feature = Runtime.version().feature();
        if (feature < FEATURE_MIN) {
            throw new LaunchException("Java " + feature + " is too old: Tollgate needs Java "
                + FEATURE_MIN + " or newer (found " + System.getProperty("java.home") + ")");
        }
    }
}
