package io.tollgate.systemtest;

import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: each service SIGKILLed {@code tollgate.faults.kills} times (default 5), in turn,
 * under load from 8 concurrent clients, and restarted on its data folder by the test harness the
 * moment it is gone. Nothing a client was told may be lost or doubled.
 */
class ServiceKillFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(ServiceKillFaultIT.class.getName());
    /** Orders accepted after a restart before the next kill: the stack is really flowing again. */
    private static final int ORDERS_BETWEEN_KILLS = 16;

    @Override
    protected String stackName() {
        return "fault-kill";
    }

    @Test
    void everyServiceKilledRepeatedlyUnderLoadLosesAndDuplicatesNothing() throws Exception {
        int kills = Integer.getInteger("tollgate.faults.kills", 5);
        startLoad("kill");
        int done = 0;
        for (int round = 1; round <= kills; round++) {
            for (ServiceProcess service : stack.services()) {
                awaitMoreOrders(ORDERS_BETWEEN_KILLS);
                long pid = service.pid();
                service.kill();
                done++;
                int n = done;
                LOG.info(() -> "kill " + n + ": " + service.name() + " (pid " + pid + ") SIGKILLed at "
                    + load.acceptedCount() + " accepted orders");
                stack.restart(service);
            }
        }
        awaitMoreOrders(ORDERS_BETWEEN_KILLS);
        load.stop();
        FaultVerdict.judge("sigkill x" + kills + " per service", stack, load, done, Set.of());
    }
}
