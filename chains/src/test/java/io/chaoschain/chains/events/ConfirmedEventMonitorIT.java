package io.chaoschain.chains.events;

import static io.chaoschain.chains.testing.MarketFixture.wad;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.LogFilter;
import io.chaoschain.chains.keys.DevAccounts;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.MarketFixture;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.chains.tx.TxRequest;
import io.chaoschain.chains.tx.TxResult;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

@WithDevnet
class ConfirmedEventMonitorIT {
    private static final String SUPPLIED = Hash.sha3String("Supplied(address,uint256,uint256)");
    private static Devnet chain;
    private static MarketFixture fixture;

    /** Records what a monitor delivered. */
    static final class Recorder implements LogListener {
        final List<LogEntry> logs = new CopyOnWriteArrayList<>();
        final List<long[]> reorgs = new CopyOnWriteArrayList<>();

        @Override
        public void onLog(LogEntry log) {
            logs.add(log);
        }

        @Override
        public void onReorg(long forkBlock, long orphanedThrough) {
            reorgs.add(new long[] {forkBlock, orphanedThrough});
            logs.removeIf(l -> l.blockNumber() > forkBlock);
        }

        List<BigInteger> amounts() {
            return logs.stream().map(ConfirmedEventMonitorIT::amount).toList();
        }
    }

    @BeforeAll
    static void deployMarket(Devnet devnet) {
        chain = devnet;
        fixture = MarketFixture.deploy(chain.sender(0));
        fixture.fund(chain.sender(1), wad("1000000"), BigInteger.ZERO);
        fixture.fund(chain.sender(2), wad("1000000"), BigInteger.ZERO);
    }

    @Test
    void shouldNeverDeliverAnEventFromAnUnconfirmedBlockThatWasReorgedAway() {
        Recorder recorder = new Recorder();
        ConfirmedEventMonitor monitor =
                monitor("reorg", chain.blockNumber() + 1, 3, new InMemoryCheckpointStore(), recorder);
        TxResult orphan = supply(1, 111);
        String orphanBlockHash =
                chain.client().blockHeader(orphan.blockNumber()).orElseThrow().hash();
        monitor.pollOnce();
        chain.mine(1);
        monitor.pollOnce();
        assertThat(recorder.logs).isEmpty();

        // replace the orphan's block and the one after it; the new first block carries a different supply
        reorg(2, List.of(Map.entry(supplyTxObject(2, 222), 0)));
        chain.mine(5);
        monitor.pollOnce();

        assertThat(recorder.logs).noneMatch(l -> l.blockHash().equals(orphanBlockHash));
        assertThat(recorder.amounts()).contains(wad("222"));
        assertThat(recorder.logs).containsExactlyElementsOf(canonicalSupplies(orphan.blockNumber() - 1, 3));
        assertThat(recorder.reorgs).isEmpty();
    }

    @Test
    void shouldNeverDeliverAnEventFromABlockThatWasRolledBack() {
        Recorder recorder = new Recorder();
        ConfirmedEventMonitor monitor =
                monitor("rollback", chain.blockNumber() + 1, 2, new InMemoryCheckpointStore(), recorder);
        TxResult orphan = supply(1, 333);
        String orphanBlockHash =
                chain.client().blockHeader(orphan.blockNumber()).orElseThrow().hash();
        monitor.pollOnce();

        chain.rollback(1);
        chain.mine(4);
        monitor.pollOnce();

        assertThat(recorder.logs).noneMatch(l -> l.blockHash().equals(orphanBlockHash));
        assertThat(recorder.logs).containsExactlyElementsOf(canonicalSupplies(orphan.blockNumber() - 1, 2));
        assertThat(recorder.reorgs).isEmpty();
    }

    @Test
    void shouldRewindAndRedeliverWhenAReorgIsDeeperThanTheConfirmations() {
        Recorder recorder = new Recorder();
        long start = chain.blockNumber() + 1;
        ConfirmedEventMonitor monitor = monitor("deep", start, 1, new InMemoryCheckpointStore(), recorder);
        TxResult first = supply(1, 444);
        chain.mine(2);
        monitor.pollOnce();
        assertThat(recorder.amounts()).containsExactly(wad("444"));

        reorg(3, List.of(Map.entry(supplyTxObject(2, 555), 0)));
        chain.mine(2);
        long delivered = monitor.pollOnce();

        assertThat(recorder.reorgs).hasSize(1);
        assertThat(recorder.reorgs.getFirst()[0]).isEqualTo(first.blockNumber() - 1);
        assertThat(recorder.amounts()).contains(wad("555"));
        assertThat(recorder.logs).containsExactlyElementsOf(canonicalSupplies(start - 1, 1));
        assertThat(delivered).isEqualTo(chain.blockNumber() - 1);
    }

    @Test
    void shouldResumeFromItsCheckpointAfterARestartInSmallRanges() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        long start = chain.blockNumber() + 1;
        Recorder before = new Recorder();
        supply(1, 1);
        supply(1, 2);
        supply(1, 3);
        chain.mine(2);
        ConfirmedEventMonitor first = monitor("restart", start, 2, store, before, 2);
        long delivered = first.pollOnce();
        assertThat(before.amounts()).containsExactly(wad("1"), wad("2"), wad("3"));
        assertThat(store.load("restart").orElseThrow().blockNumber()).isEqualTo(delivered);
        assertThat(store.load("restart").orElseThrow().blockHash())
                .contains(chain.client().blockHeader(delivered).orElseThrow().hash());

        Recorder after = new Recorder();
        supply(1, 4);
        chain.mine(2);
        monitor("restart", start, 2, store, after, 2).pollOnce();

        assertThat(after.amounts()).containsExactly(wad("4"));
    }

    @Test
    void shouldNoticeAReorgThatHappenedWhileItWasStopped() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        long start = chain.blockNumber() + 1;
        Recorder before = new Recorder();
        TxResult first = supply(1, 666);
        chain.mine(1);
        monitor("offline", start, 1, store, before).pollOnce();
        assertThat(before.amounts()).containsExactly(wad("666"));

        reorg(2, List.of(Map.entry(supplyTxObject(2, 777), 0)));
        chain.mine(2);
        Recorder after = new Recorder();
        monitor("offline", start, 1, store, after).pollOnce();

        assertThat(after.reorgs).hasSize(1);
        assertThat(after.reorgs.getFirst()[0]).isLessThan(first.blockNumber());
        assertThat(after.amounts()).contains(wad("777"));
        assertThat(after.logs).allMatch(l -> canonicalSupplies(start - 1, 1).contains(l));
    }

    @Test
    void shouldDeliverConfirmedLogsWhileRunningAsAService() throws Exception {
        CountDownLatch delivered = new CountDownLatch(1);
        List<LogEntry> logs = new CopyOnWriteArrayList<>();
        LogListener listener = log -> {
            logs.add(log);
            delivered.countDown();
        };
        var config = ConfirmedEventMonitor.Config.of(
                        "service", List.of(fixture.market()), List.of(SUPPLIED), chain.blockNumber() + 1, 2)
                .withPollInterval(Duration.ofMillis(20));
        ConfirmedEventMonitor monitor =
                new ConfirmedEventMonitor(chain.client(), config, new InMemoryCheckpointStore(), listener);
        monitor.start().get(5, TimeUnit.SECONDS);
        try {
            supply(1, 888);
            chain.mine(2);

            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(amount(logs.getFirst())).isEqualTo(wad("888"));
        } finally {
            monitor.stop().get(5, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ConfirmedEventMonitor monitor(
            String id, long start, int confirmations, CheckpointStore store, LogListener listener) {
        return monitor(id, start, confirmations, store, listener, 2000);
    }

    private static ConfirmedEventMonitor monitor(
            String id, long start, int confirmations, CheckpointStore store, LogListener listener, int range) {
        var config = ConfirmedEventMonitor.Config.of(
                        id, List.of(fixture.market()), List.of(SUPPLIED), start, confirmations)
                .withMaxBlockRange(range);
        return new ConfirmedEventMonitor(chain.client(), config, store, listener);
    }

    private static TxResult supply(int account, long whole) {
        return chain.sender(account)
                .send(TxRequest.call(fixture.market(), supplyCall(wad(Long.toString(whole)))))
                .requireSuccess("devnet");
    }

    private static String supplyCall(BigInteger amount) {
        return FunctionEncoder.encode(new Function("supply", List.of(new Uint256(amount)), List.of()));
    }

    /** A transaction Anvil signs itself for an unlocked dev account, as anvil_reorg takes it. */
    private static Map<String, String> supplyTxObject(int account, long whole) {
        return Map.of(
                "from",
                DevAccounts.address(account),
                "to",
                fixture.market(),
                "data",
                supplyCall(wad(Long.toString(whole))),
                "gas",
                "0x100000");
    }

    private static void reorg(int depth, List<Map.Entry<Map<String, String>, Integer>> transactions) {
        chain.reorg(depth, transactions);
    }

    /** The Supplied logs the chain holds now in (after, head - confirmations]. */
    private static List<LogEntry> canonicalSupplies(long after, int confirmations) {
        long to = chain.blockNumber() - confirmations;
        return chain.client().getLogs(LogFilter.of(after + 1, to, List.of(fixture.market()), List.of(SUPPLIED)));
    }

    static BigInteger amount(LogEntry log) {
        return Numeric.toBigInt(log.data().substring(2, 66));
    }
}
