package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static io.chaoschain.simulation.checks.governance.FakeChain.GOVERNOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Clock;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three outcomes of a check, and ERC-6372 clocks. */
class VerdictsTest {
    private static final String CHANGED = "0x4000000000000000000000000000000000000004";
    private static final String PRUNED = "0x5000000000000000000000000000000000000005";
    private static final long CREATED = 5;

    /**
     * A source chain like a node that no longer keeps old state: code at the creation block is known for
     * {@link #CHANGED} (and differs from the fork's) and refused for {@link #PRUNED}.
     */
    private static class PrunedSource implements ChainReader {
        @Override
        public long latestBlock() {
            return FakeChain.PRE;
        }

        @Override
        public String call(String to, String data, long block) {
            throw new IllegalStateException("execution reverted");
        }

        @Override
        public String code(String address, long block) {
            if (address.equals(PRUNED)) {
                throw new IllegalStateException(
                        "eth_getCode failed: BlockOutOfRangeError: block height is 14554 but requested was " + block);
            }
            return "0x6002";
        }

        @Override
        public String storageAt(String address, String slot, long block) {
            return "0x" + "0".repeat(64);
        }

        @Override
        public BigInteger balance(String address, long block) {
            return BigInteger.ZERO;
        }

        @Override
        public long nonce(String address, long block) {
            return 0;
        }

        @Override
        public JsonNode rpc(String method, Object... params) {
            return JsonNodeFactory.instance.nullNode();
        }
    }

    private static SimulationEvidence proposalTo(FakeChain fork, ChainReader source, String... targets) {
        List<ActionExecution> actions = new java.util.ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            fork.contract(targets[i]);
            actions.add(FakeChain.action(i, targets[i], "setX(uint256)", List.of(), BigInteger.ONE));
        }
        ProposalUnderTest p = new ProposalUnderTest(
                ProposalUnderTest.Kind.OZ_GOVERNOR,
                31337,
                GOVERNOR,
                EXECUTOR,
                BigInteger.TWO,
                null,
                "Set x (setX)",
                actions.stream().map(ActionExecution::action).toList(),
                CREATED,
                6,
                9,
                0);
        return new SimulationEvidence(
                0, p, actions, Map.of(), List.of(), List.of(), List.of(), Map.of(), BigInteger.ZERO, fork, source);
    }

    @Test
    void shouldReportAnErrorWithTheReasonWhenTheCreationBlockStateIsGone() {
        CheckResult r = new MutableCodeCheck()
                .evaluate(proposalTo(new FakeChain(), new PrunedSource(), PRUNED), CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.summary()).contains("could not judge").contains("BlockOutOfRangeError");
    }

    @Test
    void shouldKeepFailingWhenAnotherPartOfTheCheckCouldNotRun() {
        CheckResult r = new MutableCodeCheck()
                .evaluate(proposalTo(new FakeChain(), new PrunedSource(), CHANGED, PRUNED), CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains(CHANGED).contains("code changed");
        assertThat(r.evidence()).anyMatch(l -> l.startsWith("not judged:") && l.contains("BlockOutOfRangeError"));
    }

    @Test
    void shouldRankErrorAboveWarningsAndBelowFailures() {
        Findings warnAndError = new Findings("X");
        warnAndError.warn("short delay");
        warnAndError.error("logs refused");
        assertThat(warnAndError.result("ok").status()).isEqualTo(CheckResult.Status.ERROR);

        Findings failAndError = new Findings("X");
        failAndError.error("logs refused");
        failAndError.fail("owner moved");
        CheckResult failed = failAndError.result("ok");
        assertThat(failed.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(failed.summary()).isEqualTo("owner moved");

        assertThat(Set.of(CheckResult.Status.values()).stream().max(Enum::compareTo))
                .contains(CheckResult.Status.FAIL);
        assertThat(CheckResult.Status.ERROR.compareTo(CheckResult.Status.WARN)).isPositive();
        assertThat(CheckResult.Status.ERROR.label()).isEqualTo("error");
    }

    /** Blocks 12 s apart from t=1,000,000; the contract answers CLOCK_MODE() with {@code mode}. */
    private static ChainReader clockChain(String mode) {
        return new PrunedSource() {
            @Override
            public JsonNode rpc(String method, Object... params) {
                return switch (method) {
                    case "eth_call" -> {
                        if (mode == null) {
                            throw new IllegalStateException("execution reverted");
                        }
                        String hex = io.chaoschain.core.Hex.encode(
                                        mode.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                                .substring(2);
                        yield new TextNode("0x" + String.format("%064x", 32) + String.format("%064x", mode.length())
                                + hex + "0".repeat(64 - hex.length()));
                    }
                    case "eth_getBlockByNumber" -> {
                        long block = Long.decode((String) params[0]);
                        yield JsonNodeFactory.instance
                                .objectNode()
                                .put("timestamp", "0x" + Long.toHexString(1_000_000 + 12 * block));
                    }
                    default -> JsonNodeFactory.instance.nullNode();
                };
            }
        };
    }

    @Test
    void shouldFindTheFirstBlockAtATimestampOnATimestampClock() {
        Clock clock = Clock.of(clockChain("mode=timestamp"), GOVERNOR, 100_000);

        assertThat(clock.timestamp()).isTrue();
        assertThat(clock.blockAt(1_000_000 + 12 * 777)).isEqualTo(777);
        assertThat(clock.blockAt(1_000_000 + 12 * 777 + 1)).isEqualTo(778);
        assertThat(clock.blockAt(5)).isZero();
        assertThat(clock.blockAt(1_000_000 + 12 * 100_000 + 1)).isEqualTo(100_001);
        assertThat(clock.timepointOf(10)).isEqualTo(1_000_120);
    }

    @Test
    void shouldCountBlocksWithoutATimestampMode() {
        for (String mode : new String[] {null, "mode=blocknumber&from=default"}) {
            Clock clock = Clock.of(clockChain(mode), GOVERNOR, 100_000);
            assertThat(clock.timestamp()).as(String.valueOf(mode)).isFalse();
            assertThat(clock.blockAt(1234)).isEqualTo(1234);
            assertThat(clock.timepointOf(1234)).isEqualTo(1234);
        }
        assertThat(Clock.mode(clockChain("mode=timestamp"), GOVERNOR, -1)).contains("mode=timestamp");
        assertThat(Evm.encode("CLOCK_MODE()")).isEqualTo("0x4bf5d7e9");
    }

    @Test
    void shouldTellAPrunedBlockFromARevert() {
        ChainReader pruned = new PrunedSource() {
            @Override
            public JsonNode rpc(String method, Object... params) {
                throw new IllegalStateException("BlockOutOfRangeError: block height is 14554 but requested was 7351");
            }
        };
        ChainReader reverting = new PrunedSource() {
            @Override
            public JsonNode rpc(String method, Object... params) {
                throw new IllegalStateException("execution reverted");
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Evm.uint(pruned, GOVERNOR, Evm.encode("totalSupply()"), 7351))
                .isInstanceOf(Evm.HistoryUnavailable.class)
                .hasMessageContaining("no state for block 7351");
        assertThat(Evm.uint(reverting, GOVERNOR, Evm.encode("totalSupply()"), 7351))
                .isEmpty();
    }
}
