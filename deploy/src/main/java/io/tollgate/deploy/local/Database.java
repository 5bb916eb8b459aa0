package io.tollgate.deploy.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database the local stack's services use: an H2 file each in its data folder (the default),
 * or one PostgreSQL server on which every service has its own database ({@code order},
 * {@code regulator}, {@code ledger}), created here when missing.
 */
public record Database(Kind kind, String serverUrl, String username, String password) {

    /** The two kinds eventing's {@code tollgate.db} switch accepts. */
    public enum Kind { H2, PG }

    public static final String PG_SERVER_URL_DEFAULT = "jdbc:postgresql://127.0.0.1:5432";
    public static final String PG_USERNAME_DEFAULT = "postgres";
    /** The database every PostgreSQL server has, used only to create the services' databases. */
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final int CONNECT_TIMEOUT_S = 5;
    /** jdbc:postgresql://host[:port][,host2...] then an optional /database and ?parameters. */
    private static final Pattern PG_URL =
        Pattern.compile("^(jdbc:postgresql://[^/?]+)(?:/[^?]*)?(\\?.*)?$");

    public Database {
        if (kind == Kind.PG && !PG_URL.matcher(serverUrl).matches()) {
            throw new LaunchException("not a PostgreSQL JDBC URL: " + serverUrl,
                "  expected jdbc:postgresql://HOST[:PORT][?parameters], e.g. " + PG_SERVER_URL_DEFAULT);
        }
    }

    public static Database h2() {
        return new Database(Kind.H2, "", "", "");
    }

    /**
     * PostgreSQL at {@code url}; a database named in the URL is ignored (each service gets its
     * own), its parameters are kept for every service.
     */
    public static Database postgres(String url, String username, String password) {
        return new Database(Kind.PG, url, username, password == null ? "" : password);
    }

    /** The value of {@code tollgate.db} ({@code TOLLGATE_DB}). */
    public String switchValue() {
        return kind == Kind.PG ? "pg" : "h2";
    }

    /** The JDBC URL of one service's own database on this server. */
    public String urlOf(String databaseName) {
        Matcher m = PG_URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalStateException("checked in the constructor: " + serverUrl);
        }
        return m.group(1) + "/" + databaseName + (m.group(2) == null ? "" : m.group(2));
    }

    /** The environment eventing reads the database settings from, for one service. */
    public Map<String, String> env(ServiceSpec service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOLLGATE_DB", switchValue());
        if (kind == Kind.PG) {
            env.put("TOLLGATE_PG_URL", urlOf(service.databaseName()));
            env.put("TOLLGATE_PG_USERNAME", username);
            env.put("TOLLGATE_PG_PASSWORD", password);
        }
        return env;
    }

    /**
     * Creates each service's database that does not exist yet; returns the names created. Nothing
     * to do on H2 (the files are created on first start).
     */
    public List<String> ensureDatabases(List<ServiceSpec> services) {
        List<String> created = new ArrayList<>();
        if (kind != Kind.PG) {
            return created;
        }
        String url = urlOf(MAINTENANCE_DATABASE);
        try (Connection connection = DriverManager.getConnection(url, connectProperties())) {
            for (ServiceSpec service : services) {
                if (createIfMissing(connection, service.databaseName())) {
                    created.add(service.databaseName());
                }
            }
        } catch (SQLException e) {
            throw new LaunchException("cannot prepare the PostgreSQL databases at " + url + " as "
                + username + ": " + e.getMessage(),
                "  is PostgreSQL running there, and may this user create databases?"
                + " (options: --db-url, --db-user, --db-password)");
        }
        return created;
    }

    private Properties connectProperties() {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
        return props;
    }

    private static boolean createIfMissing(Connection connection, String name) throws SQLException {
        try (PreparedStatement exists =
                 connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
        }
        // CREATE DATABASE takes no parameters; the name is one of ours, quoted as an identifier.
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        }
        return true;
    }

    /** For status output: never shows the password. */
    public String describe() {
        return kind == Kind.PG ? "PostgreSQL " + serverUrl + " as " + username : "H2 files";
    }
}
