package io.chaoschain.simulation.checks.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Clock;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.History;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * C1: votes whose power was gained in the same block or transaction as the vote, or counted from live balances
 * instead of the proposal's snapshot: the flash-loan vote (Beanstalk, April 2022).
 *
 * <p>For every vote cast on the proposal (OpenZeppelin {@code VoteCast} events on the source chain) the counted
 * weight is compared with the voter's power at the proposal's snapshot ({@code token.getPastVotes(voter, snapshot)},
 * or {@code balanceOf} at the snapshot block for tokens without checkpoints) and in the block before the vote; and
 * the vote transaction's receipt is searched for voting-token transfers into the voter. Drafts have no votes and pass.
 * Timepoints follow the governor's ERC-6372 clock: under {@code mode=timestamp} the snapshot is a time and the block
 * before a vote is read at that block's timestamp. A governor with votes but no readable token is an error.
 *
 * <p>Options ({@code checks.C1}): {@code minWeight} (default 0) ignores smaller votes.
 */
public final class FlashVotingPowerCheck implements SafetyCheck {
    private static final String TRANSFER = Evm.keccak("Transfer(address,address,uint256)");

    @Override
    public String id() {
        return "C1";
    }

    @Override
    public String title() {
        return "No flash-loaned or live-balance voting power";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        Findings f = new Findings(id());
        try {
            return judge(e, s, f);
        } catch (io.chaoschain.core.UserFacingException x) {
            throw x;
        } catch (RuntimeException x) {
            // what was found before the read failed stands: a failure stays a failure
            f.error(x.getMessage());
            return f.result("");
        }
    }

    private CheckResult judge(SimulationEvidence e, CheckSettings s, Findings f) {
        ProposalUnderTest p = e.proposal();
        if (p.governor() == null || p.proposalId() == null) {
            return CheckResult.pass(id(), "a draft: no votes to examine", List.of());
        }
        ChainReader src = e.source();
        long forkBlock = e.fork().forkBlock();
        BigInteger minWeight = s.forCheck(id()).integer("minWeight", BigInteger.ZERO);
        Optional<String> token = Evm.address(src, p.governor(), Evm.encode("token()"), forkBlock)
                .or(() -> Evm.address(src, p.governor(), Evm.encode("comp()"), forkBlock)); // GovernorBravo
        Clock clock = Clock.of(src, p.governor(), forkBlock);
        long snapshot = p.voteStartBlock() >= 0
                ? p.voteStartBlock()
                : Evm.uint(src, p.governor(), Evm.encode("proposalSnapshot(uint256)", p.proposalId()), forkBlock)
                        .map(BigInteger::longValueExact)
                        .orElse(-1L);
        List<History.Vote> votes =
                History.votes(src, p.governor(), p.proposalId(), Math.max(0, p.createdBlock()), forkBlock);
        if (token.isEmpty()) {
            if (!votes.isEmpty()) {
                f.error("the governor exposes neither token() nor comp(): " + votes.size()
                        + " vote(s) cannot be compared with the voters' power");
            }
            return f.result("the governor exposes no token(); no votes to examine");
        }
        Power power = new Power(e, token.get(), clock);
        for (History.Vote v : votes) {
            if (v.weight().signum() == 0 || v.weight().compareTo(minWeight) < 0) {
                continue;
            }
            String who = "vote by " + v.voter() + " (weight " + v.weight() + ", block " + v.block() + ", tx "
                    + v.txHash() + ")";
            if (snapshot >= 0) {
                BigInteger atSnapshot = power.atTimepoint(v.voter(), snapshot);
                if (atSnapshot.compareTo(v.weight()) >= 0) {
                    continue; // explained by the snapshot, whatever the voter held later
                }
                f.fail(who + " counts more than the voter's power at the snapshot (" + clock.unit() + " " + snapshot
                        + ": " + atSnapshot + "): weight read from live balances");
            }
            BigInteger before = power.atTimepoint(v.voter(), clock.timepointOf(v.block() - 1));
            if (before.compareTo(v.weight()) < 0) {
                f.fail(who + " exceeds the voter's power in the block before the vote (" + before
                        + "): power gained in the vote's block");
            }
            BigInteger received = receivedInTx(src, token.get(), v.voter(), v.txHash());
            if (received.signum() > 0) {
                f.fail(who + " received " + received + " of the voting token " + token.get()
                        + " in the vote transaction itself (flash loan)");
            }
        }
        return f.result(votes.size() + " vote(s) checked against the snapshot at " + clock.unit() + " " + snapshot
                + " and the block before each vote");
    }

    /**
     * A voter's power at a timepoint of the governor's clock: the token's checkpointed {@code getPastVotes}, read on
     * the source chain when the timepoint is before the fork block and on the fork after the proposal otherwise (the
     * governance path mined past it there); for tokens without checkpoints, {@code balanceOf} at the timepoint's block.
     */
    private record Power(SimulationEvidence e, String token, Clock clock) {
        BigInteger atTimepoint(String voter, long timepoint) {
            if (timepoint < 0) {
                return BigInteger.ZERO;
            }
            long forkBlock = e.fork().forkBlock();
            long block = clock.blockAt(timepoint);
            ChainReader chain = block <= forkBlock ? e.source() : e.fork();
            long readAt = block <= forkBlock ? forkBlock : e.fork().postBlock();
            String data = Evm.encode("getPastVotes(address,uint256)", voter, timepoint);
            Optional<BigInteger> votes = Evm.uint(chain, token, data, readAt);
            if (votes.isPresent()) {
                return votes.get();
            }
            if (block > forkBlock) {
                return Evm.uint(
                                e.fork(),
                                token,
                                Evm.encode("balanceOf(address)", voter),
                                e.fork().preBlock())
                        .orElse(BigInteger.ZERO);
            }
            return Evm.uint(e.source(), token, Evm.encode("balanceOf(address)", voter), block)
                    .orElse(BigInteger.ZERO);
        }
    }

    private static BigInteger receivedInTx(ChainReader src, String token, String voter, String txHash) {
        JsonNode receipt = src.rpc("eth_getTransactionReceipt", txHash);
        BigInteger sum = BigInteger.ZERO;
        if (receipt == null || !receipt.has("logs")) {
            return sum;
        }
        for (JsonNode log : receipt.get("logs")) {
            JsonNode topics = log.path("topics");
            if (log.path("address").asText().equalsIgnoreCase(token)
                    && topics.size() == 3
                    && topics.get(0).asText().equals(TRANSFER)
                    && Evm.topicAddress(topics.get(2).asText()).equals(voter)) {
                sum = sum.add(Evm.word(log.path("data").asText(), 0));
            }
        }
        return sum;
    }
}
