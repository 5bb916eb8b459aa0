package io.tollgate.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.RevenueShare;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fault suite: each service SIGKILLed {@code tollgate.faults.kills} times (default 5), in turn,
 * under load from 8 concurrent clients, and restarted on its data folder by the test harness the
 * moment it is gone. Nothing a client was told may be lost or doubled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceKillFaultIT {

    private static final Logger LOG = Logger.getLogger(ServiceKillFaultIT.class.getName());
    static final int CLIENTS = 8;
    /** Orders accepted after a restart before the next kill: the stack is really flowing again. */
    private static final int ORDERS_BETWEEN_KILLS = 16;
    private static final Duration BETWEEN_KILLS = Duration.ofSeconds(240);

    private TollgateStack stack;
    private FaultLoad load;

    @BeforeAll
    void startStack() {
        stack = TollgateStack.start("fault-kill");
    }

    @AfterAll
    void stopStack() {
        if (load != null) {
            load.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyServiceKilledRepeatedlyUnderLoadLosesAndDuplicatesNothing() throws Exception {
        int kills = Integer.getInteger("tollgate.faults.kills", 5);
        load = startLoad(stack, "kill");
        int done = 0;
        for (int round = 1; round <= kills; round++) {
            for (ServiceProcess service : stack.services()) {
                awaitMoreOrders(load, ORDERS_BETWEEN_KILLS);
                long pid = service.pid();
                service.kill();
                done++;
                int n = done;
                LOG.info(() -> "kill " + n + ": " + service.name() + " (pid " + pid + ") SIGKILLed at "
                    + load.acceptedCount() + " accepted orders");
                stack.restart(service);
            }
        }
        awaitMoreOrders(load, ORDERS_BETWEEN_KILLS);
        load.stop();
        FaultVerdict.judge("sigkill x" + kills + " per service", stack, load, done, Set.of());
    }

    /** The policy's rate and payee, then 8 clients started on their own designated customers. */
    static FaultLoad startLoad(TollgateStack stack, String name) {
        RegulatorApi regulator = new RegulatorApi(stack);
        JsonNode policy = regulator.policy();
        FaultLoad load = new FaultLoad(name, stack, regulator, CLIENTS,
            RevenueShare.parseRate(policy.path("revenueShareRate").asText()), policy.path("payee").asText());
        load.start();
        return load;
    }

    static void awaitMoreOrders(FaultLoad load, int more) {
        int target = load.acceptedCount() + more;
        await("load: " + target + " orders accepted").atMost(BETWEEN_KILLS).pollInterval(Waits.POLL)
            .until(() -> load.acceptedCount() >= target);
    }
}
