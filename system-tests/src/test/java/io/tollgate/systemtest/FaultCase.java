package io.tollgate.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.RevenueShare;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every fault case shares: one stack for the class, started before and stopped after, the
 * load of {@link #CLIENTS} clients, and the wait for the load to make progress.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultCase {

    static final int CLIENTS = 8;
    /** Bound for the load to get a few more orders accepted (a restart on two shared cores). */
    private static final Duration PROGRESS = Duration.ofSeconds(240);

    protected TollgateStack stack;
    protected FaultLoad load;
    private Admin admin;

    /** The stack of this case (on H2 unless a case says otherwise). */
    protected TollgateStack newStack() {
        return TollgateStack.start(stackName());
    }

    protected abstract String stackName();

    /** Called after the stack is stopped (e.g. to drop its databases). */
    protected void afterStack() throws Exception {
    }

    @BeforeAll
    final void startStack() {
        stack = newStack();
    }

    @AfterAll
    final void stopStack() throws Exception {
        if (load != null) {
            load.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
            afterStack();
        }
    }

    /** An admin client of the stack's Kafka, made on first use and closed with the stack. */
    protected Admin kafkaAdmin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            admin = Admin.create(props);
        }
        return admin;
    }

    /** The policy's rate and payee, then {@link #CLIENTS} clients on their own designated customers. */
    protected FaultLoad startLoad(String name) {
        RegulatorApi regulator = new RegulatorApi(stack);
        JsonNode policy = regulator.policy();
        load = new FaultLoad(name, stack, regulator, CLIENTS,
            RevenueShare.parseRate(policy.path("revenueShareRate").asText()), policy.path("payee").asText());
        load.start();
        return load;
    }

    /** Waits until {@code more} orders were accepted (fails at once if a client failed). */
    protected void awaitMoreOrders(int more) {
        int target = load.acceptedCount() + more;
        await("load: " + target + " orders accepted").atMost(PROGRESS).pollInterval(Waits.POLL)
            .until(() -> load.acceptedCount() >= target);
    }
}
