package io.chaoschain.chains;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void shouldShowOnlySchemeHostAndPortOfAnOrigin() {
        assertThat(Redaction.origin("https://eth.example.com/v2/key")).isEqualTo("https://eth.example.com/…");
        assertThat(Redaction.origin("https://eth.example.com?apikey=k")).isEqualTo("https://eth.example.com/…");
        assertThat(Redaction.origin("http://127.0.0.1:8545")).isEqualTo("http://127.0.0.1:8545");
        assertThat(Redaction.origin("not a url")).isEqualTo("the configured RPC URL");
    }
}
