package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.ScenarioChain.addr;
import static io.chaoschain.simulation.scenarios.ScenarioChain.bytes;
import static io.chaoschain.simulation.scenarios.ScenarioChain.fn;
import static io.chaoschain.simulation.scenarios.ScenarioChain.pct;
import static io.chaoschain.simulation.scenarios.ScenarioChain.role;
import static io.chaoschain.simulation.scenarios.ScenarioChain.tokens;
import static io.chaoschain.simulation.scenarios.ScenarioChain.uint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.contracts.DaoTimelock;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.ProposalSource;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.scenarios.Scenario.Staged;
import io.chaoschain.simulation.scenarios.ScenarioChain.Call;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Attacks written from public post-mortems, each reduced to minimal contracts of our own (contracts/scenarios) and a
 * history on the devnet. Dev accounts: 0 deploys and mints the demo tokens, 1-3 are the DAO's delegates (300k CHAOS
 * each), 4-9 are outsiders and attackers.
 */
final class AttackScenarios {
    private AttackScenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario(
                        "beanstalk-flash-loan-vote",
                        "Beanstalk, April 2022 (BIP-18)",
                        Set.of("C1", "C3"),
                        AttackScenarios::beanstalk),
                new Scenario(
                        "tornado-self-destructing-payload",
                        "Tornado Cash governance, May 2023",
                        Set.of("C4"),
                        AttackScenarios::tornado),
                new Scenario(
                        "build-finance-hostile-takeover",
                        "Build Finance, February 2022",
                        Set.of("C2", "C6", "C7"),
                        AttackScenarios::buildFinance),
                new Scenario(
                        "audius-reinitializable-proxy",
                        "Audius, July 2022",
                        Set.of("C12", "C5"),
                        AttackScenarios::audius),
                new Scenario(
                        "undisclosed-treasury-transfer",
                        "description claims a parameter change only",
                        Set.of("C9", "C7"),
                        AttackScenarios::undisclosedTransfer),
                new Scenario(
                        "mango-writable-oracle", "Mango Markets, October 2022", Set.of("C10"), AttackScenarios::mango),
                new Scenario(
                        "compound-289-outside-vault",
                        "Compound Proposal 289 (Humpy), July 2024",
                        Set.of("C7"),
                        AttackScenarios::compound289),
                new Scenario(
                        "upgrade-and-initialize-backdoor",
                        "upgradeToAndCall into unreviewed code",
                        Set.of("C5"),
                        AttackScenarios::upgradeBackdoor),
                new Scenario(
                        "vault-delegated-above-balance",
                        "double-counted delegated votes",
                        Set.of("C13"),
                        AttackScenarios::leakyVault),
                new Scenario(
                        "defeated-calldata-by-throwaway-proposer",
                        "resubmitted defeat, proposer created in the tx",
                        Set.of("C11"),
                        AttackScenarios::resubmission),
                new Scenario(
                        "admin-outside-proposals-zero-delay",
                        "timelock admin kept, no delay",
                        Set.of("C3"),
                        AttackScenarios::adminOutsideProposals),
                new Scenario(
                        "eip7702-repointed-payload",
                        "Tornado Cash's code swap without SELFDESTRUCT",
                        Set.of("C4"),
                        AttackScenarios::repointedPayload),
                new Scenario(
                        "collateral-price-crash",
                        "a price update that lets every loan be liquidated",
                        Set.of("C8"),
                        AttackScenarios::collateralPriceCrash));
    }

    private static Staged beanstalk(ScenarioChain c) {
        String gov = c.dao.govToken();
        String lender = c.deploy(0, "FlashLender");
        // liquidity providers park their CHAOS in a lending pool, as Beanstalk's attacker found BEAN3CRV/LUSD in Curve
        c.send(1, gov, fn("transfer", addr(lender), uint(tokens(300_000))));
        c.send(2, gov, fn("transfer", addr(lender), uint(tokens(300_000))));
        String live = c.deploy(6, "LiveVoteGovernor", addr(gov));
        c.send(0, c.dao.asset(), fn("mint", addr(live), uint(tokens(500_000))));
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(c.address(6)), uint(tokens(500_000)))));
        String description = "BIP-18: donate the treasury to the relief fund";
        c.send(6, live, ScenarioChain.proposeData(calls, description));
        BigInteger id = ScenarioChain.proposalId(calls, description);
        c.devnet.mine(1);
        String attacker = c.deploy(6, "FlashVoteAttacker", addr(lender), addr(live));
        c.send(6, attacker, fn("attack", addr(gov), uint(tokens(600_000)), uint(id)));
        return new Staged(new ProposalSource.Existing(live, id));
    }

    private static Staged tornado(ScenarioChain c) {
        String factory = c.deploy(5, "PayloadFactory");
        String deploy = fn("deploy", new Bytes32(new byte[32]));
        String payload = "0x" + c.call(factory, deploy).substring(26);
        c.send(5, factory, deploy);
        List<Call> calls = List.of(new Call(payload, fn("execute")));
        String description = "Run the approved payload " + payload + ": execute() applies the patch";
        BigInteger id = c.propose(1, c.dao.governor(), calls, description);
        return new Staged(new ProposalSource.Existing(c.dao.governor(), id));
    }

    private static Staged buildFinance(ScenarioChain c) {
        String gov = c.dao.govToken();
        String attacker = c.address(7);
        // the attacker buys from one seller and spreads the tokens over fresh addresses that delegate at once
        c.send(3, gov, fn("transfer", addr(attacker), uint(tokens(300_000))));
        c.send(7, gov, fn("transfer", addr(c.address(8)), uint(tokens(100_000))));
        c.send(7, gov, fn("transfer", addr(c.address(9)), uint(tokens(100_000))));
        for (int a = 7; a <= 9; a++) {
            c.send(a, gov, fn("delegate", addr(c.address(a))));
        }
        c.devnet.mine(1);
        List<Call> calls = List.of(
                new Call(gov, fn("mint", addr(attacker), uint(tokens(10_000_000)))),
                new Call(gov, fn("transferOwnership", addr(attacker))));
        String description = "Build the future: mint 10,000,000 CHAOS to " + attacker
                + " and transfer the token's ownership (transferOwnership) to " + attacker;
        BigInteger id = c.propose(7, c.dao.governor(), calls, description);
        c.startVoting();
        for (int a = 7; a <= 9; a++) {
            c.vote(a, c.dao.governor(), id, 1);
        }
        c.endVoting();
        return new Staged(new ProposalSource.Existing(c.dao.governor(), id));
    }

    private static Staged audius(ScenarioChain c) {
        String timelock = c.dao.timelock();
        String v1 = c.deploy(0, "CollidingGovernanceV1");
        String proxy = c.deploy(0, "CollidingProxy", addr(timelock), addr(v1));
        c.send(0, proxy, fn("initialize", addr(timelock)));
        String v2 = c.deploy(0, "CollidingGovernanceV2");
        String call = fn("upgradeToAndCall", addr(v2), bytes(fn("initialize", addr(timelock))));
        String description = "Upgrade the governance module " + proxy + " to V2 " + v2
                + " (upgradeToAndCall, initializing it with the timelock as guardian)";
        return draft(c, description, new Call(proxy, call));
    }

    private static Staged undisclosedTransfer(ScenarioChain c) {
        String description = "Set the reserve factor of the lending market to 15 % so reserves grow faster.";
        return draft(
                c,
                description,
                new Call(c.dao.market(), fn("setReserveFactor", uint(pct(15)))),
                new Call(c.dao.asset(), fn("transfer", addr(c.address(8)), uint(tokens(400_000)))));
    }

    private static Staged mango(ScenarioChain c) {
        String oracle = c.deploy(5, "OpenPriceOracle", uint(tokens(2_000)));
        String registry = c.deploy(0, "CollateralRegistry", addr(c.dao.timelock()));
        String description = "List dETH " + c.dao.collateral() + " as collateral (listCollateral) on " + registry
                + ", priced by the oracle " + oracle + ", at an 80 % collateral factor";
        return draft(
                c,
                description,
                new Call(registry, fn("listCollateral", addr(c.dao.collateral()), addr(oracle), uint(pct(80)))));
    }

    private static Staged compound289(ScenarioChain c) {
        String vault = c.deploy(8, "ExternalVault");
        String description =
                "Move 300,000 dUSD of the treasury into the yield vault " + vault + " (transfer) to earn for the DAO";
        return draft(c, description, new Call(c.dao.asset(), fn("transfer", addr(vault), uint(tokens(300_000)))));
    }

    private static Staged upgradeBackdoor(ScenarioChain c) {
        String timelock = c.dao.timelock();
        String v1 = c.deploy(0, "TreasuryModuleV1");
        String proxy =
                c.deploy(0, "ScenarioProxy", addr(v1), bytes(fn("initialize", addr(timelock), uint(tokens(10_000)))));
        c.send(0, c.dao.asset(), fn("mint", addr(proxy), uint(tokens(100_000))));
        String reviewed = c.deploy(0, "TreasuryModuleV2");
        String backdoor = c.deploy(9, "TreasuryModuleBackdoor");
        String attacker = c.address(9);
        String description = "Upgrade the treasury module " + proxy + " to its V2 implementation " + backdoor
                + " (upgradeToAndCall + initializeV2); the module's operator becomes " + attacker;
        Staged staged = draft(
                c,
                description,
                new Call(
                        proxy,
                        fn(
                                "upgradeToAndCall",
                                addr(backdoor),
                                bytes(fn("initializeV2", addr(attacker), addr(c.dao.asset()), addr(attacker))))));
        return new Staged(staged.proposal(), ScenarioChain.settings(Set.of(), Set.of(c.codeHash(reviewed))));
    }

    private static Staged leakyVault(ScenarioChain c) {
        String vault = c.deploy(0, "LeakyDelegationVault", addr(c.dao.asset()));
        for (int a = 4; a <= 5; a++) {
            c.send(0, c.dao.asset(), fn("mint", addr(c.address(a)), uint(tokens(1_000))));
            c.send(a, c.dao.asset(), fn("approve", addr(vault), uint(tokens(1_000))));
            c.send(a, vault, fn("lock", uint(tokens(1_000))));
            c.send(a, vault, fn("delegate", addr(c.address(6))));
            c.send(a, vault, fn("delegate", addr(c.address(7))));
        }
        String description = "Set the staking vault " + vault + " parameter to 5 (setParameter)";
        return draft(c, description, new Call(vault, fn("setParameter", uint(BigInteger.valueOf(5)))));
    }

    private static Staged resubmission(ScenarioChain c) {
        String grantee = c.address(9);
        List<Call> calls = List.of(new Call(c.dao.asset(), fn("transfer", addr(grantee), uint(tokens(50_000)))));
        BigInteger defeated = c.propose(1, c.dao.governor(), calls, "Grant 50,000 dUSD (transfer) to " + grantee);
        c.startVoting();
        c.vote(1, c.dao.governor(), defeated, 1);
        c.vote(2, c.dao.governor(), defeated, 0);
        c.vote(3, c.dao.governor(), defeated, 0);
        c.endVoting();
        // a throwaway contract proposes the same calls from its constructor; votes were delegated to its future address
        c.send(1, c.dao.govToken(), fn("transfer", addr(grantee), uint(tokens(10_000))));
        String future = c.nextContractAddress(9, 1);
        c.send(9, c.dao.govToken(), fn("delegate", addr(future)));
        c.devnet.mine(1);
        String description = "Grant 50,000 dUSD (transfer) to " + grantee + ", second try";
        String proposer = c.deploy(
                9,
                "ThrowawayProposer",
                addr(c.dao.governor()),
                ScenarioChain.addresses(c.dao.asset()),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(0))),
                new DynamicArray<>(
                        DynamicBytes.class, List.of(bytes(calls.getFirst().data()))),
                new Utf8String(description));
        if (!proposer.equals(future)) {
            throw new IllegalStateException("the proposer landed at " + proposer + ", not " + future);
        }
        return new Staged(new ProposalSource.Existing(c.dao.governor(), ScenarioChain.proposalId(calls, description)));
    }

    private static Staged adminOutsideProposals(ScenarioChain c) throws RuntimeException {
        String admin = c.address(5);
        String timelock;
        String governor;
        try {
            var tm = c.devnet.txManager(c.devnet.account(5));
            timelock = DaoTimelock.deploy(
                            c.devnet.web3j(),
                            tm,
                            c.devnet.gas(),
                            BigInteger.ZERO,
                            List.of(),
                            List.of("0x0000000000000000000000000000000000000000"),
                            admin)
                    .send()
                    .getContractAddress()
                    .toLowerCase();
            governor = DaoGovernor.deploy(
                            c.devnet.web3j(),
                            tm,
                            c.devnet.gas(),
                            "Quick DAO",
                            c.dao.govToken(),
                            timelock,
                            BigInteger.ONE,
                            BigInteger.valueOf(30),
                            BigInteger.ZERO,
                            BigInteger.valueOf(4))
                    .send()
                    .getContractAddress()
                    .toLowerCase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        c.send(5, timelock, fn("grantRole", role("PROPOSER_ROLE"), addr(governor)));
        String module = c.deploy(0, "GuardedModule", addr(timelock), addr(timelock));
        List<Call> calls = List.of(new Call(module, fn("grantRole", role("GUARDIAN_ROLE"), addr(timelock))));
        BigInteger id = c.propose(
                1,
                governor,
                calls,
                "Grant the guardian role (grantRole) on " + module + " to the timelock " + timelock);
        // after governance started, the admin still rewires the timelock without a proposal
        c.send(5, timelock, fn("grantRole", role("PROPOSER_ROLE"), addr(admin)));
        return new Staged(new ProposalSource.Existing(governor, id));
    }

    /** The approved payload address is an EIP-7702 account; after the proposal its key re-points it elsewhere. */
    private static Staged repointedPayload(ScenarioChain c) {
        String approved = c.deploy(0, "PlainPayload");
        String swapped = c.deploy(0, "SwappedPayload");
        String payload = c.address(8);
        c.setCode(8, approved);
        List<Call> calls = List.of(new Call(payload, fn("execute")));
        BigInteger id = c.propose(
                1, c.dao.governor(), calls, "Run the approved payload " + payload + ": execute() applies the patch");
        c.startVoting();
        c.vote(1, c.dao.governor(), id, 1);
        c.vote(2, c.dao.governor(), id, 1);
        c.endVoting();
        c.setCode(8, swapped);
        return new Staged(new ProposalSource.Existing(c.dao.governor(), id));
    }

    /** A price "update" to 1 wei of dUSD per dETH: every borrower becomes liquidatable; the smoke calls bound it. */
    private static Staged collateralPriceCrash(ScenarioChain c) {
        Staged staged = draft(
                c,
                "Update the collateral price (setCollateralPrice) of the lending market to the "
                        + "oracle's latest reading",
                new Call(c.dao.market(), fn("setCollateralPrice", uint(BigInteger.ONE))));
        ObjectNode checks = (ObjectNode) staged.settings().forCheck("C2").node().deepCopy();
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.set("C2", checks);
        ArrayNode smoke = settings.putObject("C8").putArray("smokeCalls");
        smoke.addObject()
                .put("name", "dETH price within sane bounds")
                .put("to", c.dao.market())
                .put("signature", "collateralPrice()")
                .put("min", tokens(100).toString())
                .put("max", tokens(100_000).toString());
        smoke.addObject()
                .put("name", "borrow rate below 100 %")
                .put("to", c.dao.market())
                .put("signature", "borrowRatePerYear()")
                .put("max", ScenarioChain.WAD.toString());
        return new Staged(staged.proposal(), CheckSettings.of(Set.of(), Set.of(), settings));
    }

    static Staged draft(ScenarioChain c, String description, Call... calls) {
        List<ProposalAction> actions = java.util.Arrays.stream(calls)
                .map(k -> new ProposalAction(k.target(), k.value(), k.data(), ""))
                .toList();
        return new Staged(new ProposalSource.Draft(
                ScenarioChain.CHAIN_ID, c.dao.governor(), c.dao.timelock(), description, actions));
    }
}
