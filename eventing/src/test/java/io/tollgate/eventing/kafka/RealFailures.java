package io.tollgate.eventing.kafka;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** Failures produced by the real drivers and pools, for tests that classify them. */
public final class RealFailures {

    private RealFailures() {
    }

    /** What Agroal throws when a pool of one is asked for a second connection. */
    public static SQLException poolAcquisitionTimeout() {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(1)
                        .acquisitionTimeout(Duration.ofMillis(100))
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl("jdbc:h2:mem:tiny-pool")));
        try (AgroalDataSource tiny = AgroalDataSource.from(config);
             Connection held = tiny.getConnection()) {
            try (Connection second = tiny.getConnection()) {
                throw new IllegalStateException("a pool of one gave out a second connection");
            }
        } catch (SQLException e) {
            return e;
        }
    }
}
