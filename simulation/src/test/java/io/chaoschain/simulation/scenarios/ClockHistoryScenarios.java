package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.ScenarioChain.addr;
import static io.chaoschain.simulation.scenarios.ScenarioChain.addresses;
import static io.chaoschain.simulation.scenarios.ScenarioChain.fn;
import static io.chaoschain.simulation.scenarios.ScenarioChain.role;
import static io.chaoschain.simulation.scenarios.ScenarioChain.tokens;
import static io.chaoschain.simulation.scenarios.ScenarioChain.uint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.ProposalSource;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.scenarios.Scenario.Staged;
import io.chaoschain.simulation.scenarios.ScenarioChain.Call;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;

/**
 * Proposals on governors shaped like long-lived DAOs: an ERC-6372 timestamp clock (snapshots and deadlines in
 * seconds) after months of history, a block clock with a 7,200-block voting period still open at the fork block
 * (the governance path mines the rest of it on the fork), and a GovernorBravo-style governor whose actions are in
 * signature form. Each builds its own governor and timelock (contracts/scenarios/ClockGovernance.sol) over the
 * devnet's accounts: 1-3 hold and self-delegate the voting tokens, 7-9 are attackers.
 */
final class ClockHistoryScenarios {
    static final long DAY = 86_400;
    /** A day of 12-second blocks: the voting period of many mainnet DAOs. */
    static final long LONG_PERIOD_BLOCKS = 7_200;

    private ClockHistoryScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "fresh-vote-timestamp-clock",
                        "Build Finance, February 2022, on a governor counting seconds",
                        Set.of("C2"),
                        ClockHistoryScenarios::freshVoteTimestamp),
                new Scenario(
                        "flash-vote-timestamp-clock",
                        "Beanstalk, April 2022, on a live-balance governor counting seconds",
                        Set.of("C1"),
                        ClockHistoryScenarios::flashVoteTimestamp),
                new Scenario(
                        "dormant-dao-takeover-timestamp-clock",
                        "takeover of a DAO quiet for months, votes bought from one seller",
                        Set.of("C2"),
                        ClockHistoryScenarios::dormantTakeover),
                new Scenario(
                        "timestamp-clock-grant-after-months",
                        "small grant voted on a timestamp-clock governor with months of history",
                        Set.of(),
                        ClockHistoryScenarios::timestampGrant),
                new Scenario(
                        "timestamp-clock-draft",
                        "draft walked through a timestamp-clock governor",
                        Set.of(),
                        ClockHistoryScenarios::timestampDraft),
                new Scenario(
                        "block-clock-7200-block-vote-open",
                        "7,200-block voting period still open at the fork block",
                        Set.of(),
                        ClockHistoryScenarios::longPeriodActive),
                new Scenario(
                        "bravo-signature-form-grant",
                        "GovernorBravo proposal with signatures[] and argument calldata",
                        Set.of(),
                        ClockHistoryScenarios::bravoGrant));
    }

    /** A governor, its timelock (2-day delay) and the voting token, with 100,000 dUSD in the timelock. */
    record Dao(String token, String timelock, String governor) {}

    /**
     * Deploys a timelock and a {@code ClockGovernor} over {@code token}: its clock is the token's, so the delay and
     * period are in seconds for a timestamp token and in blocks for a block-number one. Dev account 0 wires the
     * roles and then renounces the timelock's admin role, as a real deployment does.
     */
    static Dao governor(ScenarioChain c, String token, long votingDelay, long votingPeriod) {
        String deployer = c.address(0);
        String timelock = c.deploy(
                0,
                "ClockTimelock",
                uint(BigInteger.valueOf(2 * DAY)),
                addresses(),
                addresses("0x0000000000000000000000000000000000000000"),
                addr(deployer));
        String governor = c.deploy(
                0,
                "ClockGovernor",
                addr(token),
                addr(timelock),
                uint(BigInteger.valueOf(votingDelay)),
                uint(BigInteger.valueOf(votingPeriod)));
        c.send(0, timelock, fn("grantRole", role("PROPOSER_ROLE"), addr(governor)));
        c.send(0, timelock, fn("grantRole", role("CANCELLER_ROLE"), addr(governor)));
        c.send(0, timelock, fn("renounceRole", new Bytes32(new byte[32]), addr(deployer)));
        c.send(0, c.dao.asset(), fn("mint", addr(timelock), uint(tokens(100_000))));
        return new Dao(token, timelock, governor);
    }

    /** A timestamp-clock token held and self-delegated by accounts 1-3 (300,000 each), then months of blocks. */
    static String timestampToken(ScenarioChain c) {
        String token = c.deploy(0, "TimestampVotesToken", addr(c.address(0)));
        for (int a = 1; a <= 3; a++) {
            c.send(0, token, fn("mint", addr(c.address(a)), uint(tokens(300_000))));
            c.send(a, token, fn("delegate", addr(c.address(a))));
        }
        return token;
    }

    /** Mines {@code blocks} blocks {@code interval} seconds apart: weeks or months of chain time in few blocks. */
    static void age(ScenarioChain c, long blocks, long interval) {
        c.devnet.rpc("anvil_mine", List.of("0x" + Long.toHexString(blocks), "0x" + Long.toHexString(interval)));
    }

    /** A proposal through the whole vote on a timestamp-clock governor: time moved past the delay and the period. */
    static BigInteger passTimestamp(ScenarioChain c, Dao dao, List<Call> calls, String description, int... voters) {
        BigInteger id = c.propose(voters[0], dao.governor(), calls, description);
        age(c, 2, 3_600);
        for (int v : voters) {
            c.vote(v, dao.governor(), id, 1);
        }
        age(c, 2, 4 * DAY);
        return id;
    }

    /** Settings for a timestamp-clock DAO: the default freshness window in seconds (a day). */
    static CheckSettings settings() {
        return ScenarioChain.settings(Set.of(), Set.of());
    }

    private static Staged freshVoteTimestamp(ScenarioChain c) {
        String token = timestampToken(c);
        Dao dao = governor(c, token, 3_600, 3 * DAY);
        age(c, 120, 12 * 3_600); // two months of history
        // an earlier, ordinary proposal: the DAO is active
        passTimestamp(
                c,
                dao,
                List.of(new Call(c.dao.asset(), fn("transfer", addr(c.address(4)), uint(tokens(500))))),
                "Pay the April audit retainer: 500 dUSD (transfer) to " + c.address(4),
                1,
                2);
        age(c, 30, 12 * 3_600);
        String attacker = c.address(7);
        c.send(3, token, fn("transfer", addr(attacker), uint(tokens(300_000))));
        c.send(7, token, fn("transfer", addr(c.address(8)), uint(tokens(100_000))));
        for (int a = 7; a <= 8; a++) {
            c.send(a, token, fn("delegate", addr(c.address(a))));
        }
        age(c, 1, 60);
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(attacker), uint(tokens(100_000)))));
        String description = "Treasury diversification: transfer 100,000 dUSD to " + attacker;
        BigInteger id = c.propose(7, dao.governor(), calls, description);
        age(c, 2, 3_600);
        c.vote(7, dao.governor(), id, 1);
        c.vote(8, dao.governor(), id, 1);
        age(c, 2, 4 * DAY);
        return new Staged(new ProposalSource.Existing(dao.governor(), id), settings());
    }

    private static Staged flashVoteTimestamp(ScenarioChain c) {
        String token = timestampToken(c);
        age(c, 60, DAY);
        String lender = c.deploy(0, "FlashLender");
        c.send(1, token, fn("transfer", addr(lender), uint(tokens(300_000))));
        c.send(2, token, fn("transfer", addr(lender), uint(tokens(300_000))));
        String live = c.deploy(6, "LiveClockGovernor", addr(token));
        c.send(0, c.dao.asset(), fn("mint", addr(live), uint(tokens(50_000))));
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(c.address(6)), uint(tokens(50_000)))));
        String description = "Donate the treasury to the relief fund: transfer 50,000 dUSD to " + c.address(6);
        c.send(6, live, ScenarioChain.proposeData(calls, description));
        BigInteger id = ScenarioChain.proposalId(calls, description);
        age(c, 1, 60);
        String attacker = c.deploy(6, "FlashVoteAttacker", addr(lender), addr(live));
        c.send(6, attacker, fn("attack", addr(token), uint(tokens(600_000)), uint(id)));
        return new Staged(new ProposalSource.Existing(live, id), settings());
    }

    private static Staged dormantTakeover(ScenarioChain c) {
        String token = timestampToken(c);
        Dao dao = governor(c, token, 3_600, 3 * DAY);
        passTimestamp(
                c,
                dao,
                List.of(new Call(c.dao.asset(), fn("transfer", addr(c.address(4)), uint(tokens(500))))),
                "Pay the audit retainer: 500 dUSD (transfer) to " + c.address(4),
                1,
                2);
        age(c, 90, DAY); // three quiet months
        // one seller supplies every attacking address hours before the proposal
        String attacker = c.address(7);
        c.send(2, token, fn("transfer", addr(attacker), uint(tokens(150_000))));
        c.send(2, token, fn("transfer", addr(c.address(9)), uint(tokens(150_000))));
        c.send(7, token, fn("delegate", addr(attacker)));
        c.send(9, token, fn("delegate", addr(c.address(9))));
        age(c, 1, 3_600);
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(attacker), uint(tokens(80_000)))));
        String description = "Fund the new steward: transfer 80,000 dUSD to " + attacker;
        BigInteger id = c.propose(7, dao.governor(), calls, description);
        age(c, 2, 3_600);
        c.vote(7, dao.governor(), id, 1);
        c.vote(9, dao.governor(), id, 1);
        age(c, 2, 4 * DAY);
        return new Staged(new ProposalSource.Existing(dao.governor(), id), settings());
    }

    private static Staged timestampGrant(ScenarioChain c) {
        String token = timestampToken(c);
        Dao dao = governor(c, token, 3_600, 3 * DAY);
        age(c, 120, 12 * 3_600);
        passTimestamp(
                c,
                dao,
                List.of(new Call(c.dao.asset(), fn("transfer", addr(c.address(4)), uint(tokens(500))))),
                "Pay the audit retainer: 500 dUSD (transfer) to " + c.address(4),
                1,
                2);
        age(c, 20, 12 * 3_600);
        String grantee = c.address(5);
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(grantee), uint(tokens(1_000)))));
        BigInteger id = passTimestamp(
                c,
                dao,
                calls,
                "Grant 1,000 dUSD (transfer) to the maintainer " + grantee + " for the indexer upkeep",
                1,
                2,
                3);
        return new Staged(new ProposalSource.Existing(dao.governor(), id), settings());
    }

    private static Staged timestampDraft(ScenarioChain c) {
        String token = timestampToken(c);
        Dao dao = governor(c, token, 3_600, 7 * DAY);
        age(c, 90, DAY);
        String grantee = c.address(5);
        List<ProposalAction> actions = List.of(new ProposalAction(
                c.dao.asset(), BigInteger.ZERO, fn("transfer", addr(grantee), uint(tokens(2_000))), ""));
        return new Staged(
                new ProposalSource.Draft(
                        ScenarioChain.CHAIN_ID,
                        dao.governor(),
                        dao.timelock(),
                        "Grant 2,000 dUSD (transfer) to the maintainer " + grantee + " for the docs rewrite",
                        actions),
                settings());
    }

    /**
     * A block-clock governor (the devnet's CHAOS token) with a 7,200-block voting period: the proposal is created and
     * voted on the source chain, and the fork block falls inside the period, so the governance path mines the rest
     * of the period on the fork before queueing and executing.
     */
    private static Staged longPeriodActive(ScenarioChain c) {
        Dao dao = governor(c, c.dao.govToken(), 1, LONG_PERIOD_BLOCKS);
        c.devnet.mine(20);
        String grantee = c.address(5);
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(grantee), uint(tokens(1_500)))));
        String description = "Grant 1,500 dUSD (transfer) to the maintainer " + grantee + " for the subgraph";
        BigInteger id = c.propose(1, dao.governor(), calls, description);
        c.startVoting();
        c.vote(1, dao.governor(), id, 1);
        c.vote(2, dao.governor(), id, 1);
        c.devnet.mine(5);
        return new Staged(new ProposalSource.Existing(dao.governor(), id), settings());
    }

    /**
     * A GovernorBravo-style proposal: the action's signature is given apart and its calldata holds the arguments
     * only, as Compound's governors store them; the DAO's timelock executes it.
     */
    private static Staged bravoGrant(ScenarioChain c) {
        String bravo = c.send(
                        0,
                        null,
                        testContract("BravoStyleGovernor")
                                + "0".repeat(24)
                                + c.dao.timelock().substring(2))
                .getContractAddress()
                .toLowerCase(java.util.Locale.ROOT);
        String grantee = c.address(5);
        String args = fn("transfer", addr(grantee), uint(tokens(5_000))).substring(10);
        String propose = fn(
                "propose",
                addresses(c.dao.asset()),
                new DynamicArray<>(
                        org.web3j.abi.datatypes.generated.Uint256.class,
                        List.of(new org.web3j.abi.datatypes.generated.Uint256(BigInteger.ZERO))),
                new DynamicArray<>(Utf8String.class, List.of(new Utf8String("transfer(address,uint256)"))),
                new DynamicArray<>(
                        DynamicBytes.class,
                        List.of(new DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(args)))),
                new Utf8String(
                        "Grant 5,000 dUSD (transfer) to the maintainer " + grantee + " for the audit follow-up"));
        c.send(1, bravo, propose);
        c.devnet.mine(2);
        return new Staged(new ProposalSource.Existing(bravo, BigInteger.ONE), settings());
    }

    /** The creation code of a contract from the chains module's compiled test contracts. */
    static String testContract(String name) {
        try (InputStream in = ClockHistoryScenarios.class
                .getClassLoader()
                .getResourceAsStream("io/chaoschain/chains/testcontracts/combined.json")) {
            String hex = new ObjectMapper().readTree(in).path(name).path("bin").asText();
            if (hex.isEmpty()) {
                throw new IllegalStateException(name + " is not among the compiled test contracts");
            }
            return hex.startsWith("0x") ? hex : "0x" + hex;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
