package io.chaoschain.storage;

import static io.chaoschain.storage.Samples.CHAIN;
import static io.chaoschain.storage.Samples.GOVERNOR;
import static io.chaoschain.storage.Samples.draft;
import static io.chaoschain.storage.Samples.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class JdbcSimulationStoreTest extends StoreTestSupport {

    @Test
    void shouldReadBackTheReportExactlyAsRecorded() {
        long proposal = stores.proposals()
                .create(CHAIN, GOVERNOR, "agent-1", draft("x"))
                .id();

        StoredSimulation stored = stores.simulations().record(proposal, "jump=2.5x", report("aa"), true);

        assertThat(stored.report()).isEqualTo(report("aa"));
        assertThat(stored.reportHash()).isEqualTo("0x" + "aa".repeat(32));
        assertThat(stored.passed()).isTrue();
        assertThat(stored.createdAt()).isEqualTo(clock.now());
        assertThat(stores.simulations().find(stored.id())).contains(stored);
    }

    @Test
    void shouldListAProposalsSimulationsInOrderAndCountAll() {
        long first = stores.proposals()
                .create(CHAIN, GOVERNOR, "agent-1", draft("x"))
                .id();
        long second = stores.proposals()
                .create(CHAIN, GOVERNOR, "agent-1", draft("y"))
                .id();
        StoredSimulation a = stores.simulations().record(first, "jump=2.5x", report("01"), false);
        StoredSimulation b = stores.simulations().record(first, "jump=2.0x", report("02"), true);
        stores.simulations().record(second, "kink=0.85", report("03"), true);

        assertThat(stores.simulations().forProposal(first)).containsExactly(a, b);
        assertThat(stores.simulations().count()).isEqualTo(3);
    }

    @Test
    void shouldNameTheMissingProposal() {
        assertThatThrownBy(() -> stores.simulations().record(77, "x", report("01"), true))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no proposal with id 77");
        assertThat(stores.simulations().count()).isZero();
    }
}
