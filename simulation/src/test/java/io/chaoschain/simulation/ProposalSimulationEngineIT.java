package io.chaoschain.simulation;

import static io.chaoschain.simulation.DaoFixture.WAD;
import static io.chaoschain.simulation.DaoFixture.call;
import static io.chaoschain.simulation.DaoFixture.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckResult.Status;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.TokenDelta;
import io.chaoschain.simulation.internal.ReportWriter;
import io.chaoschain.simulation.internal.SimulationRpc;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The engine against a real devnet DAO as the source chain, forked with Anvil. */
@WithDevnet
class ProposalSimulationEngineIT {
    private static DaoFixture dao;
    private static final ProposalSimulationEngine ENGINE = new ProposalSimulationEngine();

    @BeforeAll
    static void startSourceChain(Devnet devnet, DaoDeployment deployment) throws Exception {
        dao = new DaoFixture(devnet, deployment);
    }

    @AfterAll
    static void closeFixture() {
        if (dao != null) {
            dao.close();
        }
    }

    private static SafetyReport run(CheckSettings settings, ProposalSource... sources) {
        List<String> progress = new ArrayList<>();
        SafetyReport report =
                ENGINE.run(new SimulationPlan(dao.rpcUrl(), -1, List.of(sources), settings), progress::add);
        assertThat(progress).anyMatch(l -> l.startsWith("forking")).anyMatch(l -> l.contains("executing action 1/"));
        return report;
    }

    private static SafetyReport run(ProposalSource... sources) {
        return run(CheckSettings.defaults(), sources);
    }

    private static ProposalSource.Draft draft(String executor, String target, BigInteger value, String calldata) {
        return new ProposalSource.Draft(
                31337, null, executor, "test draft", List.of(new ProposalAction(target, value, calldata, "")));
    }

    private static CheckResult check(SafetyReport r, int proposal, String id) {
        return r.proposals().get(proposal).checks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldSimulateAnOpenZeppelinGovernorProposalById() {
        SafetyReport r = run(new ProposalSource.Existing(dao.dao.governor(), dao.ozProposalId));

        ProposalUnderTest p = r.proposals().getFirst().evidence().proposal();
        assertThat(p.kind()).isEqualTo(ProposalUnderTest.Kind.OZ_GOVERNOR);
        assertThat(p.executor()).isEqualTo(dao.dao.timelock());
        assertThat(p.proposer()).isEqualTo(dao.devnet.account(1).getAddress().toLowerCase());
        assertThat(p.description()).isEqualTo(DaoFixture.OZ_DESCRIPTION);
        assertThat(p.voteStartBlock()).isGreaterThan(p.createdBlock()).isPositive();
        ActionExecution action = r.proposals().getFirst().evidence().actions().getFirst();
        assertThat(action.decoded().signature()).isEqualTo("setReserveFactor(uint256)");
        assertThat(action.decoded().abiSource()).isEqualTo("LendingMarket");
        assertThat(action.decoded().args().getFirst().value()).isEqualTo(DaoFixture.OZ_RESERVE_FACTOR.toString());
        AccountDiff market = r.proposals().getFirst().evidence().stateDiff().get(dao.dao.market());
        assertThat(market.storage().values()).anyMatch(s -> s.after().equals(word(DaoFixture.OZ_RESERVE_FACTOR)));
        assertThat(check(r, 0, "execution").status()).isEqualTo(Status.PASS);
        assertThat(check(r, 0, "state-changes").status()).isEqualTo(Status.PASS);
        assertThat(r.proposals().getFirst().execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
        assertThat(action.trace().from()).isEqualTo(dao.dao.timelock());
        assertThat(action.trace().to()).isEqualTo(dao.dao.market());
        assertThat(action.trace().depth()).isZero();
        assertThat(r.failed()).isFalse();
        assertThat(r.hash()).matches("0x[0-9a-f]{64}").isEqualTo(ReportWriter.hash(r.canonicalJson()));
        assertThat(r.canonicalJson())
                .contains("\"risk\":\"" + r.risk() + "\"")
                .contains("\"checks\":[")
                .contains("\"actions\":[");
    }

    @Test
    void shouldGiveTheSameHashForTheSameProposalOnTheSameBlock() {
        ProposalSource p = new ProposalSource.Existing(dao.dao.governor(), dao.ozProposalId);
        long block = Long.decode(dao.rpc.send("eth_blockNumber").asText());
        SafetyReport a = ENGINE.run(new SimulationPlan(dao.rpcUrl(), block, List.of(p), null), l -> {});
        SafetyReport b = ENGINE.run(new SimulationPlan(dao.rpcUrl(), block, List.of(p), null), l -> {});
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void shouldSimulateAGovernorBravoProposalJoiningSignatureAndCalldata() {
        SafetyReport r = run(new ProposalSource.Existing(dao.bravoGovernor, dao.bravoProposalId));

        ProposalUnderTest p = r.proposals().getFirst().evidence().proposal();
        assertThat(p.kind()).isEqualTo(ProposalUnderTest.Kind.GOVERNOR_BRAVO);
        assertThat(p.executor()).isEqualTo(dao.dao.timelock());
        assertThat(p.eta()).isEqualTo(dao.bravoEta);
        assertThat(p.description()).isEqualTo("Bravo: reserve factor 30%");
        assertThat(p.actions().getFirst().calldata())
                .isEqualTo(DaoFixture.setReserveFactor(DaoFixture.BRAVO_RESERVE_FACTOR));
        assertThat(check(r, 0, "execution").status()).isEqualTo(Status.PASS);
        assertThat(r.proposals()
                        .getFirst()
                        .evidence()
                        .stateDiff()
                        .get(dao.dao.market())
                        .storage()
                        .values())
                .anyMatch(s -> s.after().equals(word(DaoFixture.BRAVO_RESERVE_FACTOR)));
    }

    @Test
    void shouldSimulateADraftFileExecutedByTheTimelock() {
        ProposalSource.Draft d = DraftFile.parse(
                """
        {"chainId": 31337, "executor": "%s", "description": "draft",
         "actions": [{"target": "%s", "value": "0", "calldata": "%s"}]}""".formatted(
                        dao.dao.timelock(), dao.dao.market(), DaoFixture.setReserveFactor(WAD.divide(BigInteger.TEN))),
                "draft.json");
        SafetyReport r = run(d);
        assertThat(check(r, 0, "execution").status()).isEqualTo(Status.PASS);
        assertThat(r.proposals().getFirst().evidence().proposal().kind()).isEqualTo(ProposalUnderTest.Kind.DRAFT);
    }

    @Test
    void shouldRejectADraftForAnotherChain() {
        ProposalSource.Draft d = new ProposalSource.Draft(
                1,
                null,
                dao.dao.timelock(),
                "",
                List.of(new ProposalAction(
                        dao.dao.market(), BigInteger.ZERO, DaoFixture.setReserveFactor(BigInteger.ONE), "")));
        assertThatThrownBy(() -> run(d)).isInstanceOf(UserFacingException.class).hasMessageContaining("chain 1");
    }

    @Test
    void shouldRunDependentDraftsInOrderOnOneFork() {
        BigInteger amount = WAD.multiply(BigInteger.valueOf(1000));
        String recipient = dao.devnet.account(7).getAddress().toLowerCase();
        ProposalSource.Draft mintToTimelock = draft(
                dao.deployer,
                dao.dao.asset(),
                BigInteger.ZERO,
                call("mint(address,uint256)", word(dao.dao.timelock()), word(amount)));
        ProposalSource.Draft spend = draft(
                dao.dao.timelock(),
                dao.dao.asset(),
                BigInteger.ZERO,
                call("transfer(address,uint256)", word(recipient), word(amount)));

        SafetyReport batch = run(mintToTimelock, spend);
        assertThat(check(batch, 0, "execution").status()).isEqualTo(Status.PASS);
        assertThat(check(batch, 1, "execution").status()).isEqualTo(Status.PASS);
        assertThat(batch.proposals().get(1).evidence().tokenDeltas())
                .contains(new TokenDelta(
                        TokenDelta.Kind.BALANCE, dao.dao.asset(), dao.dao.timelock(), null, amount, BigInteger.ZERO));
        assertThat(check(batch, 1, "token-changes").status()).isEqualTo(Status.WARN);

        SafetyReport alone = run(spend);
        assertThat(check(alone, 0, "execution").status()).isEqualTo(Status.FAIL);
        assertThat(alone.failed()).isTrue();
        assertThat(alone.risk()).isEqualTo("high");
    }

    @Test
    void shouldNameTheFlagForAnUnknownProposal() {
        assertThatThrownBy(() -> run(new ProposalSource.Existing(dao.dao.governor(), BigInteger.valueOf(42))))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("--proposal-id");
        assertThatThrownBy(() -> run(new ProposalSource.Existing(dao.dao.asset(), BigInteger.ONE)))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("--governor");
    }

    @Test
    void shouldFailWhenATargetSelfDestructsAndPassAnOrdinaryCall() {
        String destructor = dao.deploy(DaoFixture.SELFDESTRUCTOR_INIT);
        SafetyReport r = run(draft(dao.dao.timelock(), destructor, BigInteger.ZERO, "0x"));
        assertThat(check(r, 0, "no-selfdestruct").status()).isEqualTo(Status.FAIL);
        assertThat(check(r, 0, "no-selfdestruct").evidence()).anyMatch(l -> l.contains("self-destructed"));

        SafetyReport ok = run(new ProposalSource.Existing(dao.dao.governor(), dao.ozProposalId));
        assertThat(check(ok, 0, "no-selfdestruct").status()).isEqualTo(Status.PASS);
        assertThat(check(ok, 0, "no-delegatecall").status()).isEqualTo(Status.PASS);
    }

    @Test
    void shouldFailWhenADaoControlledContractDelegatecallsAndWarnOtherwise() {
        String delegator = dao.deploy(DaoFixture.DELEGATOR_INIT);
        ProposalSource.Draft d = draft(dao.dao.timelock(), delegator, BigInteger.ZERO, word(dao.dao.market()));

        SafetyReport outside = run(d);
        assertThat(check(outside, 0, "no-delegatecall").status()).isEqualTo(Status.WARN);

        SafetyReport inside = run(CheckSettings.of(java.util.Set.of(delegator), java.util.Set.of(), null), d);
        assertThat(check(inside, 0, "no-delegatecall").status()).isEqualTo(Status.FAIL);
        assertThat(check(inside, 0, "no-delegatecall").evidence()).anyMatch(l -> l.contains("delegatecalls"));
    }

    @Test
    void shouldFailWhenTheExecutorCannotCoverTheValueAndReportTheEthMovement() {
        String poorExecutor = "0x00000000000000000000000000000000000000e1";
        String recipient = "0x00000000000000000000000000000000000000e2";
        SafetyReport poor = run(draft(poorExecutor, recipient, WAD, "0x"));
        assertThat(check(poor, 0, "value-required").status()).isEqualTo(Status.FAIL);

        String rich = dao.devnet.account(8).getAddress().toLowerCase();
        SafetyReport r = run(
                CheckSettings.of(
                        java.util.Set.of(rich),
                        java.util.Set.of(),
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .createObjectNode()
                                .set(
                                        "eth-balance-changes",
                                        new com.fasterxml.jackson.databind.ObjectMapper()
                                                .createObjectNode()
                                                .put("failAboveWei", "1000"))),
                draft(rich, recipient, WAD, "0x"));
        assertThat(check(r, 0, "value-required").status()).isEqualTo(Status.PASS);
        assertThat(check(r, 0, "eth-balance-changes").status()).isEqualTo(Status.FAIL);
        assertThat(check(r, 0, "eth-balance-changes").evidence()).anyMatch(l -> l.startsWith(recipient + ": +1 ETH"));
    }

    @Test
    void shouldFailCalldataToAnAddressWithoutCodeAndWarnOnUnknownFunctions() {
        SafetyReport eoa = run(
                draft(dao.dao.timelock(), "0x00000000000000000000000000000000000000e3", BigInteger.ZERO, "0x12345678"));
        assertThat(check(eoa, 0, "calldata-decoding").status()).isEqualTo(Status.FAIL);

        SafetyReport unknown = run(draft(dao.dao.timelock(), dao.dao.market(), BigInteger.ZERO, "0xdeadbeef"));
        assertThat(check(unknown, 0, "calldata-decoding").status()).isEqualTo(Status.WARN);
        assertThat(check(unknown, 0, "execution").status()).isEqualTo(Status.FAIL);
    }

    private static String quorumChange(long numerator) {
        return call("updateQuorumNumerator(uint256)", word(BigInteger.valueOf(numerator)));
    }

    /** The quorum numerator (OZ Checkpoint208 packs the uint48 key low and the uint208 value above it). */
    private static boolean writesQuorumNumerator(SafetyReport r, long numerator) {
        AccountDiff governor = r.proposals().getFirst().evidence().stateDiff().get(dao.dao.governor());
        return governor != null
                && governor.storage().values().stream()
                        .anyMatch(s -> new BigInteger(s.after().substring(2), 16)
                                .shiftRight(48)
                                .equals(BigInteger.valueOf(numerator)));
    }

    @Test
    void shouldPassAQuorumChangeDraftByProposingVotingQueueingAndExecutingItThroughTheGovernor() {
        ProposalUnderTest draft = ProposalUnderTest.draft(
                31337,
                dao.dao.governor(),
                dao.dao.timelock(),
                "Raise the quorum to 10%: updateQuorumNumerator(10) on the governor",
                List.of(new ProposalAction(dao.dao.governor(), BigInteger.ZERO, quorumChange(10), "")));
        long block = dao.devnet.blockNumber();
        try (AnvilProcess fork = AnvilProcess.start(AnvilProcess.Options.fork(dao.rpcUrl(), block)
                .withExtraArgs(List.of("--block-base-fee-per-gas", "0", "--order", "fifo")))) {
            List<String> progress = new ArrayList<>();
            SafetyReport r = ENGINE.runOnFork(
                    fork.rpcUrl(), dao.rpcUrl(), block, 31337, List.of(draft), CheckSettings.defaults(), progress::add);

            SimulatedProposal o = r.proposals().getFirst();
            assertThat(o.execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
            assertThat(o.executionNote()).isNull();
            assertThat(o.checks()).noneMatch(c -> c.status() == Status.FAIL);
            assertThat(progress)
                    .anyMatch(l -> l.startsWith("proposing on governor " + dao.dao.governor()))
                    .anyMatch(l -> l.startsWith("voting FOR as"))
                    .anyMatch(l -> l.startsWith("queueing"));
            ActionExecution action = o.evidence().actions().getFirst();
            assertThat(action.success()).isTrue();
            assertThat(action.trace().from()).isEqualTo(dao.dao.timelock());
            assertThat(action.trace().to()).isEqualTo(dao.dao.governor());
            assertThat(o.evidence().logs())
                    .anyMatch(l ->
                            l.actionIndex() == 0 && "QuorumNumeratorUpdated(uint256,uint256)".equals(l.signature()))
                    .noneMatch(l -> l.signature() != null && l.signature().startsWith("CallExecuted"));
            assertThat(r.canonicalJson()).contains("\"execution\":\"governor\"");
            assertThat(writesQuorumNumerator(r, 10)).isTrue();

            try (EvmChainClient forkRpc = SimulationRpc.connect("fork", fork.rpcUrl())) {
                String numerator = forkRpc.send(
                                "eth_call",
                                Map.of("to", dao.dao.governor(), "data", Hex.functionSelector("quorumNumerator()")),
                                "latest")
                        .asText();
                assertThat(new BigInteger(numerator.substring(2), 16)).isEqualTo(BigInteger.TEN);
            }
        }
    }

    @Test
    void shouldPassAnExistingQuorumChangeProposalAndFallBackToDirectExecutionWithAWarning() throws Exception {
        String description = "Raise the quorum to 12%: updateQuorumNumerator(12) on the governor";
        DaoGovernor governor = DaoGovernor.load(
                dao.dao.governor(), dao.devnet.web3j(), dao.devnet.txManager(dao.devnet.account(2)), dao.devnet.gas());
        List<byte[]> calldatas = List.of(Hex.decode(quorumChange(12)));
        governor.propose(List.of(dao.dao.governor()), List.of(BigInteger.ZERO), calldatas, description)
                .send();
        BigInteger id = governor.hashProposal(
                        List.of(dao.dao.governor()),
                        List.of(BigInteger.ZERO),
                        calldatas,
                        Hash.sha3(description.getBytes(StandardCharsets.UTF_8)))
                .send();

        SafetyReport r = run(new ProposalSource.Existing(dao.dao.governor(), id));
        assertThat(r.proposals().getFirst().execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
        assertThat(r.proposals().getFirst().checks()).noneMatch(c -> c.status() == Status.FAIL);
        assertThat(writesQuorumNumerator(r, 12)).isTrue();

        // the executor named by the draft is not the governor's: the governance path cannot carry it
        List<String> progress = new ArrayList<>();
        SafetyReport direct = ENGINE.run(
                new SimulationPlan(
                        dao.rpcUrl(),
                        -1,
                        List.of(new ProposalSource.Draft(
                                31337,
                                dao.dao.governor(),
                                dao.deployer,
                                description,
                                List.of(new ProposalAction(
                                        dao.dao.governor(), BigInteger.ZERO, quorumChange(12), "")))),
                        null),
                progress::add);
        assertThat(direct.proposals().getFirst().execution()).isEqualTo(SimulatedProposal.Execution.DIRECT);
        assertThat(direct.proposals().getFirst().executionNote()).startsWith(ProposalSimulationEngine.DIRECT_WARNING);
        assertThat(progress).anyMatch(l -> l.startsWith("warning: " + ProposalSimulationEngine.DIRECT_WARNING));
        assertThat(direct.canonicalJson()).contains("\"execution\":\"direct\"");
        assertThat(direct.markdown()).contains(ProposalSimulationEngine.DIRECT_WARNING);
        assertThat(check(direct, 0, "execution").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void shouldGiveAnOrdinaryProposalTheSameVerdictsThroughTheGovernorAsExecutedDirectly() {
        String description = "Set the reserve factor to 25% (setReserveFactor on the lending market)";
        List<ProposalAction> actions = List.of(new ProposalAction(
                dao.dao.market(), BigInteger.ZERO, DaoFixture.setReserveFactor(WAD.divide(BigInteger.valueOf(4))), ""));
        SafetyReport governed = run(new ProposalSource.Draft(31337, dao.dao.governor(), null, description, actions));
        SafetyReport direct = run(new ProposalSource.Draft(31337, null, dao.dao.timelock(), description, actions));

        assertThat(governed.proposals().getFirst().execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
        assertThat(direct.proposals().getFirst().execution()).isEqualTo(SimulatedProposal.Execution.DIRECT);
        assertThat(direct.proposals().getFirst().executionNote()).isNull();
        assertThat(verdicts(governed)).isEqualTo(verdicts(direct)).containsEntry("execution", Status.PASS);
        assertThat(governed.proposals()
                        .getFirst()
                        .evidence()
                        .stateDiff()
                        .get(dao.dao.market())
                        .storage()
                        .values())
                .anyMatch(s -> s.after().equals(word(WAD.divide(BigInteger.valueOf(4)))));
    }

    private static Map<String, Status> verdicts(SafetyReport r) {
        Map<String, Status> m = new java.util.TreeMap<>();
        r.proposals().getFirst().checks().forEach(c -> m.put(c.id(), c.status()));
        return m;
    }

    @Test
    void shouldExecuteAProposalTheForkAlreadyExecutedDirectlyWithAWarning() {
        ProposalSource p = new ProposalSource.Existing(dao.dao.governor(), dao.ozProposalId);
        SafetyReport twice = run(p, p);

        assertThat(twice.proposals().get(0).execution()).isEqualTo(SimulatedProposal.Execution.GOVERNOR);
        assertThat(twice.proposals().get(1).execution()).isEqualTo(SimulatedProposal.Execution.DIRECT);
        assertThat(twice.proposals().get(1).executionNote())
                .startsWith(ProposalSimulationEngine.DIRECT_WARNING)
                .contains("is Executed on the governor");
        assertThat(check(twice, 1, "execution").status()).isEqualTo(Status.PASS);
    }

    @Test
    void shouldFallBackToDirectExecutionWhenTheVotingPowerFoundCannotPassTheVote() throws Exception {
        String description = "Set the reserve factor to 5% (setReserveFactor on the lending market), voted down";
        List<byte[]> calldatas = List.of(Hex.decode(DaoFixture.setReserveFactor(WAD.divide(BigInteger.valueOf(20)))));
        DaoGovernor proposer = DaoGovernor.load(
                dao.dao.governor(), dao.devnet.web3j(), dao.devnet.txManager(dao.devnet.account(2)), dao.devnet.gas());
        proposer.propose(List.of(dao.dao.market()), List.of(BigInteger.ZERO), calldatas, description)
                .send();
        BigInteger id = proposer.hashProposal(
                        List.of(dao.dao.market()),
                        List.of(BigInteger.ZERO),
                        calldatas,
                        Hash.sha3(description.getBytes(StandardCharsets.UTF_8)))
                .send();
        dao.devnet.mine(2);
        for (int voter = 1; voter <= 3; voter++) {
            DaoGovernor.load(
                            dao.dao.governor(),
                            dao.devnet.web3j(),
                            dao.devnet.txManager(dao.devnet.account(voter)),
                            dao.devnet.gas())
                    .castVote(id, BigInteger.ZERO)
                    .send();
        }

        SafetyReport r = run(new ProposalSource.Existing(dao.dao.governor(), id));
        assertThat(r.proposals().getFirst().execution()).isEqualTo(SimulatedProposal.Execution.DIRECT);
        assertThat(r.proposals().getFirst().executionNote())
                .startsWith(ProposalSimulationEngine.DIRECT_WARNING)
                .contains("not enough voting power");
        assertThat(check(r, 0, "execution").status()).isEqualTo(Status.PASS);
    }
}
