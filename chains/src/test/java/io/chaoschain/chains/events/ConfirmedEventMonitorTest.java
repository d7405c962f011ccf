package io.chaoschain.chains.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmedEventMonitorTest {
    private final ScriptedChain chain = new ScriptedChain();
    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private final List<String> delivered = new ArrayList<>();
    private final List<long[]> reorgs = new ArrayList<>();
    private final LogListener recorder = new LogListener() {
        @Override
        public void onLog(LogEntry log) {
            delivered.add(log.data());
        }

        @Override
        public void onReorg(long forkBlock, long orphanedThrough) {
            reorgs.add(new long[] {forkBlock, orphanedThrough});
        }
    };

    private ConfirmedEventMonitor monitor(int confirmations) {
        return new ConfirmedEventMonitor(
                chain,
                ConfirmedEventMonitor.Config.of("m", List.of(ScriptedChain.CONTRACT), List.of(), 1, confirmations),
                store,
                recorder);
    }

    @Test
    void shouldDeliverALogOnlyOnceItIsConfirmationsDeep() {
        ConfirmedEventMonitor monitor = monitor(2);
        chain.append(List.of("0xaa"));
        chain.mine(1);
        monitor.pollOnce();
        assertThat(delivered).isEmpty();

        chain.mine(1);
        assertThat(monitor.pollOnce()).isEqualTo(1);

        assertThat(delivered).containsExactly("0xaa");
    }

    @Test
    void shouldDiscardLogsReadFromABranchThatWasReplacedDuringTheRead() {
        ConfirmedEventMonitor monitor = monitor(0);
        chain.append(List.of("0xorphan"));
        chain.duringGetLogs = () -> {
            chain.duringGetLogs = () -> {};
            chain.reorg(1, List.of(List.of("0xcanonical")));
        };

        monitor.pollOnce();
        assertThat(delivered).isEmpty();
        monitor.pollOnce();

        assertThat(delivered).containsExactly("0xcanonical");
        assertThat(reorgs).isEmpty();
    }

    @Test
    void shouldDiscardLogsOfARecordedBlockThatIsReplacedWhileItIsRead() {
        ConfirmedEventMonitor monitor = monitor(1);
        chain.append(List.of("0xfirst"));
        chain.mine(3);
        monitor.pollOnce();
        assertThat(delivered).containsExactly("0xfirst");
        // a fork that replaces only the block with a second log while the monitor reads it
        chain.append(List.of("0xorphan"));
        chain.mine(1);
        chain.duringGetLogs = () -> {
            chain.duringGetLogs = () -> {};
            chain.reorg(2, List.of(List.of(), List.of("0xreplacement")));
        };

        monitor.pollOnce();
        chain.mine(1);
        monitor.pollOnce();

        assertThat(delivered).containsExactly("0xfirst", "0xreplacement");
    }

    @Test
    void shouldRejectALogWhoseBlockHashIsNotCanonicalAsFromAnRpcOnAnotherBranch() {
        ConfirmedEventMonitor monitor = monitor(1);
        chain.append(List.of("0xaa"));
        chain.mine(2);
        chain.strayLogs.add(new LogEntry(
                ScriptedChain.CONTRACT,
                List.of(),
                "0xstray",
                2,
                "0x" + "ee".repeat(32),
                "0x" + "22".repeat(32),
                0,
                5,
                false));

        monitor.pollOnce();
        assertThat(delivered).isEmpty();
        monitor.pollOnce();

        assertThat(delivered).containsExactly("0xaa");
    }

    @Test
    void shouldRewindToTheForkPointWhenAReorgReachesDeliveredBlocks() {
        ConfirmedEventMonitor monitor = monitor(1);
        for (int i = 0; i < 4; i++) {
            chain.append(List.of("0x0" + i));
            monitor.pollOnce();
        }
        chain.mine(1);
        monitor.pollOnce();
        assertThat(delivered).containsExactly("0x00", "0x01", "0x02", "0x03");

        chain.reorg(3, List.of(List.of("0xb2"), List.of("0xb3"), List.of()));
        chain.mine(1);
        monitor.pollOnce();

        // blocks 1..2 survived (0x00, 0x01); 3..4 were replaced: the fork point is block 2
        assertThat(reorgs).hasSize(1);
        assertThat(reorgs.getFirst()).containsExactly(2, 4);
        assertThat(delivered).containsExactly("0x00", "0x01", "0x02", "0x03", "0xb2", "0xb3");
        assertThat(store.load("m").orElseThrow().blockNumber()).isEqualTo(chain.blockNumber() - 1);
    }

    @Test
    void shouldRedeliverTheBlockOfALogTheListenerFailedOn() {
        List<String> seen = new ArrayList<>();
        boolean[] fail = {true};
        LogListener flaky = log -> {
            if (log.data().equals("0xbb") && fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("database unavailable");
            }
            seen.add(log.data());
        };
        ConfirmedEventMonitor monitor = new ConfirmedEventMonitor(
                chain, ConfirmedEventMonitor.Config.of("flaky", List.of(), List.of(), 1, 0), store, flaky);
        chain.append(List.of("0xaa"));
        chain.append(List.of("0xbb", "0xcc"));

        assertThatThrownBy(monitor::pollOnce).hasMessage("database unavailable");
        assertThat(store.load("flaky").orElseThrow().blockNumber()).isEqualTo(1);
        monitor.pollOnce();

        assertThat(seen).containsExactly("0xaa", "0xbb", "0xcc");
    }
}
