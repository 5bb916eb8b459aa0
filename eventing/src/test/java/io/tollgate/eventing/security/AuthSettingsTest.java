package io.tollgate.eventing.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    @Test
    void onlyLoopbackAddressesCountAsLoopback() {
        assertThat(AuthSettings.loopback("127.0.0.1")).isTrue();
        assertThat(AuthSettings.loopback("::1")).isTrue();
        assertThat(AuthSettings.loopback("localhost")).isTrue();
        assertThat(AuthSettings.loopback("0.0.0.0")).isFalse();
        assertThat(AuthSettings.loopback("::")).isFalse();
        assertThat(AuthSettings.loopback("192.0.2.10")).isFalse();
        assertThat(AuthSettings.loopback("no-such-host.invalid")).isFalse();
    }
}
