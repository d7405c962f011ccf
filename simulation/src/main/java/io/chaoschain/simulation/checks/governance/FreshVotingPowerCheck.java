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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * C2: fresh or concentrated voting power. A for-vote is fresh when its voter received voting tokens
 * ({@code Transfer}) or delegations ({@code DelegateChanged}) within {@code freshBlocks} blocks before the proposal's
 * snapshot; its funding source is the sender of the largest such transfer (or the delegator). Build Finance
 * (February 2022) fell to a proposal passed by freshly bought, freshly delegated votes from one buyer.
 *
 * <p>Fails when the fresh for-votes are decisive (without them the proposal would miss quorum or lose) or when one
 * funding source stands behind decisive votes; warns when fresh votes make up at least {@code warnShare} of the
 * for-votes. Options ({@code checks.C2}): {@code freshBlocks} (default 7200, about a day of 12-second blocks) for
 * block-clock governors, {@code freshSeconds} (default 86400) for governors whose ERC-6372 clock is
 * {@code mode=timestamp} (the window's blocks are found by block timestamp), {@code warnShare} (default 0.25).
 */
public final class FreshVotingPowerCheck implements SafetyCheck {
    private static final String TRANSFER = Evm.keccak("Transfer(address,address,uint256)");
    private static final String DELEGATE_CHANGED = Evm.keccak("DelegateChanged(address,address,address)");

    @Override
    public String id() {
        return "C2";
    }

    @Override
    public String title() {
        return "For-votes are not fresh or from one funding source";
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
        long now = e.fork().forkBlock();
        long freshBlocks = s.forCheck(id())
                .integer("freshBlocks", BigInteger.valueOf(7200))
                .longValueExact();
        long freshSeconds = s.forCheck(id())
                .integer("freshSeconds", BigInteger.valueOf(86_400))
                .longValueExact();
        double warnShare = s.forCheck(id()).number("warnShare", 0.25);
        Optional<String> token = Evm.address(src, p.governor(), Evm.encode("token()"), now)
                .or(() -> Evm.address(src, p.governor(), Evm.encode("comp()"), now)); // GovernorBravo
        Clock clock = Clock.of(src, p.governor(), now);
        long snapshot = p.voteStartBlock() >= 0
                ? p.voteStartBlock()
                : p.createdBlock() >= 0 ? clock.timepointOf(p.createdBlock()) : -1;
        List<History.Vote> votes = History.votes(src, p.governor(), p.proposalId(), Math.max(0, p.createdBlock()), now);
        if (token.isEmpty() && !votes.isEmpty()) {
            f.error("the governor exposes neither token() nor comp(): the funding of " + votes.size()
                    + " vote(s) cannot be traced");
        }
        if (token.isEmpty() || snapshot < 0 || votes.isEmpty()) {
            return f.result("no votes to examine");
        }
        // the window ends at the snapshot's block (at most the fork block: later blocks are not on the source chain)
        long snapshotBlock = Math.min(clock.blockAt(snapshot), now);
        long from = clock.timestamp()
                ? clock.blockAt(Math.max(0, snapshot - freshSeconds))
                : Math.max(0, snapshotBlock - freshBlocks);
        String window = clock.timestamp()
                ? freshSeconds + " s (blocks " + from + ".." + snapshotBlock + ") before the snapshot at timestamp "
                        + snapshot
                : freshBlocks + " blocks before the snapshot (block " + snapshot + ")";
        BigInteger forVotes = BigInteger.ZERO;
        BigInteger against = BigInteger.ZERO;
        BigInteger abstain = BigInteger.ZERO;
        BigInteger fresh = BigInteger.ZERO;
        Map<String, BigInteger> bySource = new LinkedHashMap<>();
        for (History.Vote v : votes) {
            switch (v.support()) {
                case 0 -> against = against.add(v.weight());
                case 2 -> abstain = abstain.add(v.weight());
                default -> forVotes = forVotes.add(v.weight());
            }
            if (v.support() != 1 || v.weight().signum() == 0) {
                continue;
            }
            Optional<String> source = freshSource(src, token.get(), v.voter(), from, snapshotBlock);
            if (source.isPresent()) {
                fresh = fresh.add(v.weight());
                bySource.merge(source.get(), v.weight(), BigInteger::add);
                f.note("fresh for-vote: " + v.voter() + " weight " + v.weight() + " funded or delegated by "
                        + source.get() + " within " + window);
            }
        }
        if (fresh.signum() == 0) {
            return f.result("none of " + votes.size() + " vote(s) came from power gained within " + window);
        }
        BigInteger quorum = Evm.uint(src, p.governor(), Evm.encode("quorum(uint256)", snapshot), now)
                .or(() -> Evm.uint(src, p.governor(), Evm.encode("quorumVotes()"), now)) // GovernorBravo
                .orElse(BigInteger.ZERO);
        BigInteger withoutFresh = forVotes.subtract(fresh);
        boolean decisive = withoutFresh.compareTo(against) <= 0
                || withoutFresh.add(abstain).compareTo(quorum) < 0;
        double share = new BigDecimal(fresh)
                .divide(new BigDecimal(forVotes), MathContext.DECIMAL64)
                .doubleValue();
        String stats = "fresh for-votes " + fresh + " of " + forVotes + " (" + Math.round(share * 100) + " %), against "
                + against + ", quorum " + quorum;
        if (decisive) {
            f.fail("fresh voting power decides the vote: without it the proposal fails (" + stats + ")");
        } else if (share >= warnShare) {
            f.warn("fresh voting power is a large share of the for-votes (" + stats + ")");
        }
        for (Map.Entry<String, BigInteger> source : bySource.entrySet()) {
            BigInteger rest = forVotes.subtract(source.getValue());
            if (rest.compareTo(against) <= 0 || rest.add(abstain).compareTo(quorum) < 0) {
                f.fail("one funding source, " + source.getKey() + ", stands behind " + source.getValue()
                        + " decisive fresh for-votes");
            }
        }
        return f.result(stats);
    }

    /** Who funded or delegated to {@code voter} in the window, the largest transfer first; empty when no one. */
    private static Optional<String> freshSource(ChainReader src, String token, String voter, long from, long to) {
        String largest = null;
        BigInteger max = BigInteger.ZERO;
        for (JsonNode log : Evm.logs(src, token, from, to, TRANSFER, null, Evm.addressTopic(voter))) {
            BigInteger amount = Evm.word(log.path("data").asText(), 0);
            if (amount.compareTo(max) > 0) {
                max = amount;
                largest = Evm.topicAddress(log.path("topics").get(1).asText());
            }
        }
        if (largest != null) {
            return Optional.of(largest);
        }
        for (JsonNode log : Evm.logs(src, token, from, to, DELEGATE_CHANGED, null, null, Evm.addressTopic(voter))) {
            return Optional.of(Evm.topicAddress(log.path("topics").get(1).asText()));
        }
        return Optional.empty();
    }
}
