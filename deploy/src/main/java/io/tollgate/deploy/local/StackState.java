package io.tollgate.deploy.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings a running stack was started with ({@code run/stack.properties}), so that a later
 * {@code up}, {@code restart} or the supervisor starts a service exactly as {@code up} did. The
 * file may hold the database password, so it is readable by its owner only.
 */
record StackState(int kafkaPort, int controllerPort, Database database, List<ServiceSpec> services) {

    static StackState of(LocalStack.UpOptions options) {
        return new StackState(options.kafkaPort(), options.controllerPort(), options.database(),
            options.services());
    }

    LocalStack.UpOptions options(Duration readyTimeout) {
        return new LocalStack.UpOptions(kafkaPort, controllerPort, readyTimeout, database, services);
    }

    void write(Path file) {
        Properties p = new Properties();
        p.setProperty("kafka.port", Integer.toString(kafkaPort));
        p.setProperty("kafka.controller.port", Integer.toString(controllerPort));
        p.setProperty("db.kind", database.switchValue());
        p.setProperty("db.url", database.serverUrl());
        p.setProperty("db.user", database.username());
        p.setProperty("db.password", database.password());
        services.forEach(svc -> p.setProperty("port." + svc.name(), Integer.toString(svc.port())));
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(writer, "The running local stack (written by ./tollgate up)");
            }
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The state in {@code file}, or empty when there is none. */
    static Optional<StackState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new LaunchException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Database db = "pg".equals(p.getProperty("db.kind")) ? Database.postgres(p.getProperty("db.url"),
            p.getProperty("db.user"), p.getProperty("db.password", "")) : Database.h2();
        List<ServiceSpec> services = new ArrayList<>();
        for (ServiceSpec svc : ServiceSpec.ALL) {
            String port = p.getProperty("port." + svc.name());
            services.add(port == null ? svc : svc.withPort(Integer.parseInt(port)));
        }
        return Optional.of(new StackState(Integer.parseInt(p.getProperty("kafka.port", "9092")),
            Integer.parseInt(p.getProperty("kafka.controller.port", "9093")), db, services));
    }
}
