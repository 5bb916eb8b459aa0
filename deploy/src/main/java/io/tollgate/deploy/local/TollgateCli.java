package io.tollgate.deploy.local;

import io.tollgate.deploy.demo.DemoDay;
import io.tollgate.deploy.demo.DemoFailure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tollgate}: runs the local stack (up, down, status) and the demo against it. */
@Command(name = "tollgate", mixinStandardHelpOptions = true,
    description = "Runs Tollgate locally: a KRaft Kafka broker and the three services as processes.",
    subcommands = {TollgateCli.Up.class, TollgateCli.Down.class, TollgateCli.Status.class,
        TollgateCli.Demo.class, TollgateCli.Restart.class, LoadCommand.class,
        TollgateCli.Supervise.class})
public final class TollgateCli implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new TollgateCli())
            .setExecutionExceptionHandler(TollgateCli::report);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return EXIT_USAGE;
    }

    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintStream err = System.err;
        if (e instanceof LaunchException) {
            LaunchException failure = (LaunchException) e;
            err.println("tollgate: " + failure.getMessage());
            if (!failure.detail().isEmpty()) {
                err.print(failure.detail().endsWith("\n") ? failure.detail() : failure.detail() + "\n");
            }
        } else if (e instanceof DemoFailure) {
            err.println("tollgate demo: " + e.getMessage());
        } else {
            err.println("tollgate: unexpected failure: " + e);
            e.printStackTrace(err);
        }
        return EXIT_FAILED;
    }

    /** Options every command shares. */
    public static final class DataDirOption {
        @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with all data, logs and pid files (default: .tollgate/ at the repo root).")
        Path dataDir;

        StackPaths paths() {
            Path root = StackPaths.findRepoRoot();
            return new StackPaths(root, dataDir != null ? dataDir : root.resolve(".tollgate"));
        }
    }

    /** Which database the services use: {@code --db h2} (default) or {@code --db pg}. */
    static final class DatabaseOptions {
        @Option(names = "--db", defaultValue = "h2", paramLabel = "h2|pg",
            description = "H2 files in the data folder (default) or PostgreSQL (one database per "
                + "service: order, regulator, ledger; created if missing).")
        String kind;
        @Option(names = "--db-url", defaultValue = Database.PG_SERVER_URL_DEFAULT, paramLabel = "URL",
            description = "PostgreSQL server for --db pg (default ${DEFAULT-VALUE}); a database "
                + "named in it is ignored, its ?parameters are kept.")
        String url;
        @Option(names = "--db-user", defaultValue = Database.PG_USERNAME_DEFAULT, paramLabel = "USER",
            description = "PostgreSQL user for --db pg (default ${DEFAULT-VALUE}).")
        String user;
        @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "PostgreSQL password for --db pg (default: $TOLLGATE_PG_PASSWORD, else none;"
                + " the environment keeps it out of the process list).")
        String password;

        Database database() {
            if (kind.equalsIgnoreCase("h2")) {
                return Database.h2();
            }
            if (kind.equalsIgnoreCase("pg") || kind.equalsIgnoreCase("postgres")) {
                String secret = password != null ? password : System.getenv("TOLLGATE_PG_PASSWORD");
                return Database.postgres(url, user, secret);
            }
            throw new LaunchException("--db must be h2 or pg, not '" + kind + "'");
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts what is not running of the broker and the services, waits until all",
            "are ready, prints the URLs, and restarts a service that crashes."})
    static final class Up implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Option(names = "--detach", description = "Return once ready and leave the stack running.")
        boolean detach;
        @Option(names = "--demo", description = "Play the demo ERP day once the stack is ready.")
        boolean demo;
        @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default ${DEFAULT-VALUE}).")
        int kafkaPort;
        @Option(names = "--controller-port", defaultValue = "9093",
            description = "KRaft controller port (default ${DEFAULT-VALUE}).")
        int controllerPort;
        @Option(names = "--ready-timeout", defaultValue = "120",
            description = "Seconds to wait for each process to become ready (default ${DEFAULT-VALUE}).")
        int readyTimeoutSeconds;
        @Mixin
        DatabaseOptions db;
        @Option(names = "--ports", defaultValue = "8081,8082,8083", split = ",", paramLabel = "O,R,L",
            description = "HTTP ports of order-, regulator- and ledger-service (default ${DEFAULT-VALUE}).")
        List<Integer> ports;

        @Override
        public Integer call() {
            StackPaths paths = data.paths();
            LocalStack stack = new LocalStack(paths, System.out);
            stack.up(new LocalStack.UpOptions(kafkaPort, controllerPort,
                Duration.ofSeconds(readyTimeoutSeconds), db.database(), services(ports)));
            int result = 0;
            if (demo) {
                result = new DemoDay(stack.apiClient(), System.out).run();
            }
            if (detach) {
                stack.detach();
                System.out.println("Running in the background. Stop with: ./tollgate down");
                return result;
            }
            return stack.runInForeground();
        }
    }

    static List<ServiceSpec> services(List<Integer> ports) {
        if (ports.size() != ServiceSpec.ALL.size()) {
            throw new LaunchException("--ports needs " + ServiceSpec.ALL.size() + " ports (order, regulator,"
                + " ledger), got " + ports);
        }
        List<ServiceSpec> services = new java.util.ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            services.add(ServiceSpec.ALL.get(i).withPort(ports.get(i)));
        }
        return services;
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops the supervisor, the services, then the broker (SIGTERM, SIGKILL after 30 s).")
    static final class Down implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            new LocalStack(data.paths(), System.out).down();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows each process and its restarts; exit 0 all ready, 1 some, 3 none running.")
    static final class Status implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            return new LocalStack(data.paths(), System.out).status();
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restarts one service (through the supervisor when one runs) and waits until ready.")
    static final class Restart implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @CommandLine.Parameters(paramLabel = "SERVICE",
            description = "order-service, regulator-service or ledger-service")
        String service;
        @Option(names = "--ready-timeout", defaultValue = "120",
            description = "Seconds to wait for it to become ready (default ${DEFAULT-VALUE}).")
        int readyTimeoutSeconds;

        @Override
        public Integer call() {
            LocalStack stack = new LocalStack(data.paths(), System.out);
            ServiceSpec spec = stack.service(service).orElseThrow(() -> new LaunchException("no service named '" + service + "'",
                    "  one of: " + String.join(", ", ServiceSpec.ALL.stream().map(ServiceSpec::name).toList())));
            stack.restart(spec, Duration.ofSeconds(readyTimeoutSeconds));
            return 0;
        }
    }

    /** The background supervisor {@code up --detach} starts; not meant to be run by hand. */
    @Command(name = "supervise", hidden = true,
        description = "Restarts crashed services of a detached stack until stopped.")
    static final class Supervise implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            return new LocalStack(data.paths(), System.out).superviseDetached();
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Plays a realistic ERP day against the running stack and prints the ledger.")
    static final class Demo implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() {
            return new DemoDay(new LocalStack(data.paths(), System.out).apiClient(), System.out).run();
        }
    }
}
