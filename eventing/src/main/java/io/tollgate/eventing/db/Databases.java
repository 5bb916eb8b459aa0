package io.tollgate.eventing.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one active database of this process: H2 (embedded default) or PostgreSQL (production),
 * chosen at run time by {@code tollgate.db}. Both datasources are built into the jar; only the
 * active one is started and migrated.
 */
@ApplicationScoped
public class Databases {

    private final String kind;
    private final InjectableInstance<AgroalDataSource> h2;
    private final InjectableInstance<AgroalDataSource> pg;

    @Inject
    public Databases(@ConfigProperty(name = "tollgate.db") String kind,
                     @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
                     @DataSource("pg") InjectableInstance<AgroalDataSource> pg) {
        if (!kind.equals("h2") && !kind.equals("pg")) {
            throw new IllegalStateException("tollgate.db (TOLLGATE_DB) must be h2 or pg, got " + kind);
        }
        this.kind = kind;
        this.h2 = h2;
        this.pg = pg;
    }

    public AgroalDataSource dataSource() {
        return isPostgres() ? pg.get() : h2.get();
    }

    public boolean isPostgres() {
        return kind.equals("pg");
    }

    /** "h2" or "pg". */
    public String kind() {
        return kind;
    }
}
