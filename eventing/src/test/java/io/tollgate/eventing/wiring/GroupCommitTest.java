package io.tollgate.eventing.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.db.GroupCommit;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * Group commit with the real Axon event store: concurrent writers share commits, each gets its
 * own answer, a failing writer's events are never stored and never cost another writer its own,
 * and the events carry the principal of the writer who submitted them.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class GroupCommitTest {

    private static final int WRITERS = 48;
    private static final int FAILING = 17;

    @Inject
    GroupCommit group;
    @Inject
    CommandGateway commands;
    @Inject
    EventStore eventStore;
    @Inject
    MeterRegistry meters;

    @Test
    void concurrentWritersShareCommitsAndAFailingOneCostsNoOtherItsWrite() throws Exception {
        // given 48 writers released at once; writer 17 fails after its command was handled
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            orders.add(UUID.randomUUID().toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> answers = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                answers.add(CompletableFuture.supplyAsync(() -> write(start, orders.get(writer), writer), pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then each writer got its own answer, and only the failing writer's order is missing
        for (int i = 0; i < WRITERS; i++) {
            CompletableFuture<String> answer = answers.get(i);
            if (i == FAILING) {
                assertThat(answer).isCompletedExceptionally();
                assertThat(answer.handle((v, e) -> e.getCause()).join())
                        .isInstanceOf(IllegalArgumentException.class).hasMessage("writer 17 refuses");
                assertThat(eventStore.readEvents(orders.get(i)).asStream().count()).isZero();
            } else {
                assertThat(answer.join()).isEqualTo("stored " + i);
                assertThat(eventStore.readEvents(orders.get(i)).asStream().count()).isEqualTo(1);
            }
        }
        assertThat(meters.get("tollgate.group.commit.members").summary().max()).isGreaterThan(1);
    }

    @Test
    void eventsCarryThePrincipalOfTheWriterWhoSubmittedThem() {
        // given
        String orderId = UUID.randomUUID().toString();

        // when
        try {
            PrincipalInterceptor.callAs("erp-night-batch", () -> group.call("order " + orderId,
                    () -> commands.sendAndWait(new ProbeOrder.OpenProbeOrderCommand(orderId, "principal"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        // then the committer thread sent the command on the submitter's behalf
        assertThat(eventStore.readEvents(orderId).asStream().findFirst().orElseThrow()
                .getMetaData().get(PrincipalInterceptor.PRINCIPAL)).isEqualTo("erp-night-batch");
    }

    private String write(CountDownLatch start, String orderId, int writer) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return group.call("order " + orderId, () -> {
            commands.sendAndWait(new ProbeOrder.OpenProbeOrderCommand(orderId, "writer-" + writer));
            if (writer == FAILING) {
                throw new IllegalArgumentException("writer 17 refuses");
            }
            return "stored " + writer;
        });
    }
}
