package io.tollgate.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OrderMixTest {

    private final OrderMix mix = new OrderMix("r1");

    @Test
    void oneInTenIsDeniedInEachOfTheThreeWays() {
        // when
        long denied = LongStream.range(0, 3_000).filter(n -> mix.plan(n).denied()).count();
        Set<String> deniedKinds = new HashSet<>();
        LongStream.range(0, 3_000).mapToObj(mix::plan).filter(OrderMix.Plan::denied)
            .forEach(p -> deniedKinds.add(p.customerId().endsWith("unregistered") ? "stranger" : p.product()));

        // then
        assertThat(denied).isEqualTo(300);
        assertThat(deniedKinds).containsExactlyInAnyOrder("B200", "VR200", "stranger");
    }

    @Test
    void grantedOrdersGoToDesignatedCustomersWithH200sUnderTheReviewThreshold() {
        LongStream.range(0, 1_000).mapToObj(mix::plan).filter(p -> !p.denied()).forEach(p -> {
            assertThat(mix.designatedCustomers()).contains(p.customerId());
            assertThat(p.product()).startsWith("H200");
            assertThat(p.quantity()).isBetween(1, 8);
        });
        Set<String> customers = new HashSet<>();
        LongStream.range(0, 100).mapToObj(mix::plan).forEach(p -> customers.add(p.customerId()));
        assertThat(customers).containsAll(mix.designatedCustomers());
    }
}
