package io.chaoschain.chains.contracts;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.Errors;
import io.chaoschain.chains.testing.WithDevnet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.tuples.generated.Tuple7;

@WithDevnet(revertAfterEachTest = true)
class ReputationRegistryIT {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final BigInteger MAX_ABS = BigInteger.TEN.pow(38);
    private static final byte[] NO_HASH = new byte[32];

    private static Devnet devnet;
    private static String identityAddress;
    private static String reputationAddress;
    private static BigInteger agentId;
    private static Credentials owner;
    private static Credentials alice;
    private static Credentials bob;
    private static Credentials carol;
    private static Credentials operator;
    private static Credentials approved;
    private static Credentials responder;

    /** One feedback entry as the test submitted it, the independent record the chain's answers are checked against. */
    private record Given(
            Credentials client, long index, long value, int decimals, String tag1, String tag2, boolean revoked) {
        BigDecimal amount() {
            return BigDecimal.valueOf(value, decimals);
        }
    }

    @BeforeAll
    static void deploy(Devnet devnet) throws Exception {
        ReputationRegistryIT.devnet = devnet;
        owner = devnet.account(1);
        alice = devnet.account(2);
        bob = devnet.account(3);
        carol = devnet.account(4);
        operator = devnet.account(5);
        approved = devnet.account(6);
        responder = devnet.account(7);
        Devnet.RegisteredAgent agent = devnet.registerAgent(owner, operator, approved);
        identityAddress = agent.registry();
        agentId = agent.agentId();
        reputationAddress = ReputationRegistry.deploy(
                        devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), identityAddress)
                .send()
                .getContractAddress();
    }

    private static ReputationRegistry as(Credentials who) {
        return ReputationRegistry.load(reputationAddress, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    private static String revertOf(Credentials from, RemoteFunctionCall<?> call) {
        return devnet.revertData(from.getAddress(), reputationAddress, call.encodeFunctionCall());
    }

    private static RemoteFunctionCall<TransactionReceipt> feedback(
            Credentials client, BigInteger agent, long value, int decimals, String tag1, String tag2) {
        return feedback(client, agent, BigInteger.valueOf(value), decimals, tag1, tag2);
    }

    private static RemoteFunctionCall<TransactionReceipt> feedback(
            Credentials client, BigInteger agent, BigInteger value, int decimals, String tag1, String tag2) {
        return as(client)
                .giveFeedback(
                        agent,
                        value,
                        BigInteger.valueOf(decimals),
                        tag1,
                        tag2,
                        "https://agent/api",
                        "ipfs://feedback",
                        NO_HASH);
    }

    /**
     * Submits a fixed mix of feedback (negative values, decimals 0..3, two tags, one revoked entry) and returns what
     * was submitted, in client order then index order.
     */
    private static List<Given> submitMixedFeedback() throws Exception {
        List<Given> given = new ArrayList<>();
        Map<String, Long> next = new TreeMap<>();
        record Spec(Credentials client, long value, int decimals, String tag1, String tag2, boolean revoke) {}
        List<Spec> specs = List.of(
                new Spec(alice, -250, 2, "quality", "gov", false),
                new Spec(bob, 12_345, 3, "quality", "gov", false),
                new Spec(alice, 3, 0, "quality", "ops", false),
                new Spec(bob, -7, 1, "speed", "gov", false),
                new Spec(alice, -1_999, 2, "speed", "ops", false),
                new Spec(bob, 1_000_000, 0, "quality", "gov", true),
                new Spec(carol, 99, 0, "quality", "gov", false));
        for (Spec spec : specs) {
            feedback(spec.client, agentId, spec.value, spec.decimals, spec.tag1, spec.tag2)
                    .send();
            long index = next.merge(spec.client.getAddress(), 1L, Long::sum);
            if (spec.revoke) {
                as(spec.client)
                        .revokeFeedback(agentId, BigInteger.valueOf(index))
                        .send();
            }
            given.add(new Given(spec.client, index, spec.value, spec.decimals, spec.tag1, spec.tag2, spec.revoke));
        }
        List<Credentials> clientOrder = List.of(alice, bob, carol);
        given.sort(Comparator.comparingInt((Given g) -> clientOrder.indexOf(g.client))
                .thenComparingLong(Given::index));
        return given;
    }

    /**
     * The spec's summary computed in Java: exact decimal average of the matching non-revoked values, truncated toward
     * zero at the most frequent decimals (the smallest on a tie).
     */
    private static Tuple3<BigInteger, BigInteger, BigInteger> expectedSummary(
            List<Given> given, List<Credentials> clients, String tag1, String tag2) {
        List<Given> matching = given.stream()
                .filter(g -> clients.contains(g.client) && !g.revoked)
                .filter(g -> tag1.isEmpty() || g.tag1.equals(tag1))
                .filter(g -> tag2.isEmpty() || g.tag2.equals(tag2))
                .toList();
        if (matching.isEmpty()) {
            return new Tuple3<>(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
        }
        Map<Integer, Long> decimalsSeen =
                matching.stream().collect(Collectors.groupingBy(Given::decimals, TreeMap::new, Collectors.counting()));
        int mode = decimalsSeen.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow()
                .getKey();
        BigDecimal sum = matching.stream().map(Given::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal average = sum.divide(BigDecimal.valueOf(matching.size()), mode, RoundingMode.DOWN);
        return new Tuple3<>(BigInteger.valueOf(matching.size()), average.unscaledValue(), BigInteger.valueOf(mode));
    }

    private static Tuple3<BigInteger, BigInteger, BigInteger> summary(
            List<Credentials> clients, String tag1, String tag2) throws Exception {
        return as(carol)
                .getSummary(
                        agentId, clients.stream().map(Credentials::getAddress).toList(), tag1, tag2)
                .send();
    }

    // ---------------------------------------------------------------- giving feedback

    @Test
    void shouldRecordFeedbackAndEmitNewFeedback() throws Exception {
        byte[] feedbackHash = Hash.sha3("the feedback file".getBytes(StandardCharsets.UTF_8));
        TransactionReceipt receipt = as(alice)
                .giveFeedback(
                        agentId,
                        BigInteger.valueOf(-4_250),
                        BigInteger.TWO,
                        "quality",
                        "governance",
                        "https://agent/api",
                        "ipfs://feedback-1",
                        feedbackHash)
                .send();

        ReputationRegistry.NewFeedbackEventResponse event =
                ReputationRegistry.getNewFeedbackEvents(receipt).getFirst();
        assertThat(event.agentId).isEqualTo(agentId);
        assertThat(event.clientAddress).isEqualToIgnoringCase(alice.getAddress());
        assertThat(event.feedbackIndex).isEqualTo(BigInteger.ONE);
        assertThat(event.value).isEqualTo(BigInteger.valueOf(-4_250));
        assertThat(event.valueDecimals).isEqualTo(BigInteger.TWO);
        assertThat(event.indexedTag1).isEqualTo(Hash.sha3("quality".getBytes(StandardCharsets.UTF_8)));
        assertThat(List.of(event.tag1, event.tag2, event.endpoint, event.feedbackURI))
                .containsExactly("quality", "governance", "https://agent/api", "ipfs://feedback-1");
        assertThat(event.feedbackHash).isEqualTo(feedbackHash);

        Tuple5<BigInteger, BigInteger, String, String, Boolean> stored = as(carol)
                .readFeedback(agentId, alice.getAddress(), BigInteger.ONE)
                .send();
        assertThat(stored.component1()).isEqualTo(BigInteger.valueOf(-4_250));
        assertThat(stored.component2()).isEqualTo(BigInteger.TWO);
        assertThat(stored.component3()).isEqualTo("quality");
        assertThat(stored.component4()).isEqualTo("governance");
        assertThat(stored.component5()).isFalse();
        assertThat(as(carol).getLastIndex(agentId, alice.getAddress()).send()).isEqualTo(BigInteger.ONE);
        assertThat(as(carol).getClients(agentId).send()).containsExactly(alice.getAddress());
        assertThat(as(carol).getIdentityRegistry().send()).isEqualToIgnoringCase(identityAddress);
    }

    @Test
    void shouldNumberFeedbackFromOnePerClientAndListEachClientOnce() throws Exception {
        feedback(alice, agentId, 1, 0, "", "").send();
        feedback(bob, agentId, 2, 0, "", "").send();
        TransactionReceipt third = feedback(alice, agentId, 3, 0, "", "").send();
        assertThat(ReputationRegistry.getNewFeedbackEvents(third).getFirst().feedbackIndex)
                .isEqualTo(BigInteger.TWO);
        assertThat(as(carol).getLastIndex(agentId, alice.getAddress()).send()).isEqualTo(BigInteger.TWO);
        assertThat(as(carol).getLastIndex(agentId, bob.getAddress()).send()).isEqualTo(BigInteger.ONE);
        assertThat(as(carol).getLastIndex(agentId, carol.getAddress()).send()).isEqualTo(BigInteger.ZERO);
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.TWO)
                        .send()
                        .component1())
                .isEqualTo(BigInteger.valueOf(3));
        assertThat(as(carol).getClients(agentId).send()).containsExactly(alice.getAddress(), bob.getAddress());
    }

    @Test
    void shouldRefuseFeedbackFromTheAgentsOwnerOperatorAndApprovedAddress() {
        for (Credentials insider : List.of(owner, operator, approved)) {
            assertThat(revertOf(insider, feedback(insider, agentId, 100, 0, "", "")))
                    .as(insider.getAddress())
                    .isEqualTo(Errors.of("SelfFeedbackNotAllowed", uint(agentId), address(insider.getAddress())));
        }
        assertThatThrownBy(() -> feedback(owner, agentId, 100, 0, "", "").send())
                .isInstanceOf(TransactionException.class);
    }

    @Test
    void shouldRevertFeedbackForAnUnknownAgent() {
        assertThat(revertOf(alice, feedback(alice, BigInteger.valueOf(42), 1, 0, "", "")))
                .isEqualTo(Errors.of("UnknownAgent", uint(42)));
    }

    @Test
    void shouldAcceptEighteenDecimalsAndRefuseNineteen() throws Exception {
        feedback(alice, agentId, 1, 18, "", "").send();
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.ONE)
                        .send()
                        .component2())
                .isEqualTo(BigInteger.valueOf(18));
        assertThat(revertOf(alice, feedback(alice, agentId, 1, 19, "", "")))
                .isEqualTo(Errors.of("ValueDecimalsTooLarge", new Uint8(19)));
    }

    @Test
    void shouldAcceptValuesUpToTenToTheThirtyEighthEitherWayAndRefuseBeyond() throws Exception {
        feedback(alice, agentId, MAX_ABS, 0, "", "").send();
        feedback(alice, agentId, MAX_ABS.negate(), 0, "", "").send();
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.ONE)
                        .send()
                        .component1())
                .isEqualTo(MAX_ABS);
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.TWO)
                        .send()
                        .component1())
                .isEqualTo(MAX_ABS.negate());
        BigInteger tooBig = MAX_ABS.add(BigInteger.ONE);
        assertThat(revertOf(alice, feedback(alice, agentId, tooBig, 0, "", "")))
                .isEqualTo(Errors.of("ValueOutOfRange", new Int128(tooBig)));
        assertThat(revertOf(alice, feedback(alice, agentId, tooBig.negate(), 0, "", "")))
                .isEqualTo(Errors.of("ValueOutOfRange", new Int128(tooBig.negate())));
    }

    // ---------------------------------------------------------------- revoking

    @Test
    void shouldLetTheAuthorRevokeOnlyOnce() throws Exception {
        feedback(alice, agentId, 5, 0, "", "").send();
        feedback(alice, agentId, 6, 0, "", "").send();
        TransactionReceipt receipt =
                as(alice).revokeFeedback(agentId, BigInteger.TWO).send();
        ReputationRegistry.FeedbackRevokedEventResponse event =
                ReputationRegistry.getFeedbackRevokedEvents(receipt).getFirst();
        assertThat(List.of(event.agentId, event.feedbackIndex)).containsExactly(agentId, BigInteger.TWO);
        assertThat(event.clientAddress).isEqualToIgnoringCase(alice.getAddress());
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.TWO)
                        .send()
                        .component5())
                .isTrue();
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.ONE)
                        .send()
                        .component5())
                .isFalse();
        assertThat(revertOf(alice, as(alice).revokeFeedback(agentId, BigInteger.TWO)))
                .isEqualTo(
                        Errors.of("FeedbackAlreadyRevoked", uint(agentId), address(alice.getAddress()), new Uint64(2)));
    }

    @Test
    void shouldRevertWhenSomeoneOtherThanTheAuthorRevokes() throws Exception {
        feedback(alice, agentId, 5, 0, "", "").send();
        // feedback is keyed by its author, so another caller's index 1 does not exist
        assertThat(revertOf(bob, as(bob).revokeFeedback(agentId, BigInteger.ONE)))
                .isEqualTo(Errors.of("FeedbackNotFound", uint(agentId), address(bob.getAddress()), new Uint64(1)));
        assertThat(revertOf(owner, as(owner).revokeFeedback(agentId, BigInteger.ONE)))
                .isEqualTo(Errors.of("FeedbackNotFound", uint(agentId), address(owner.getAddress()), new Uint64(1)));
        assertThatThrownBy(() -> as(bob).revokeFeedback(agentId, BigInteger.ONE).send())
                .isInstanceOf(TransactionException.class);
        assertThat(as(carol)
                        .readFeedback(agentId, alice.getAddress(), BigInteger.ONE)
                        .send()
                        .component5())
                .isFalse();
    }

    @Test
    void shouldRevertForIndexZeroAndIndexesPastTheLast() throws Exception {
        feedback(alice, agentId, 5, 0, "", "").send();
        for (long index : new long[] {0, 2}) {
            String expected =
                    Errors.of("FeedbackNotFound", uint(agentId), address(alice.getAddress()), new Uint64(index));
            assertThat(revertOf(alice, as(alice).revokeFeedback(agentId, BigInteger.valueOf(index))))
                    .isEqualTo(expected);
            assertThat(revertOf(carol, as(carol).readFeedback(agentId, alice.getAddress(), BigInteger.valueOf(index))))
                    .isEqualTo(expected);
        }
    }

    // ---------------------------------------------------------------- responses

    @Test
    void shouldAppendResponsesFromAnyoneAndCountThem() throws Exception {
        feedback(alice, agentId, -1, 0, "", "").send();
        feedback(alice, agentId, -2, 0, "", "").send();
        feedback(bob, agentId, 3, 0, "", "").send();
        byte[] responseHash = Hash.sha3("refunded".getBytes(StandardCharsets.UTF_8));
        TransactionReceipt receipt = as(owner)
                .appendResponse(agentId, alice.getAddress(), BigInteger.ONE, "ipfs://refund-receipt", responseHash)
                .send();
        ReputationRegistry.ResponseAppendedEventResponse event =
                ReputationRegistry.getResponseAppendedEvents(receipt).getFirst();
        assertThat(List.of(event.agentId, event.feedbackIndex)).containsExactly(agentId, BigInteger.ONE);
        assertThat(event.clientAddress).isEqualToIgnoringCase(alice.getAddress());
        assertThat(event.responder).isEqualToIgnoringCase(owner.getAddress());
        assertThat(event.responseURI).isEqualTo("ipfs://refund-receipt");
        assertThat(event.responseHash).isEqualTo(responseHash);

        as(responder)
                .appendResponse(agentId, alice.getAddress(), BigInteger.ONE, "ipfs://spam-tag", NO_HASH)
                .send();
        as(responder)
                .appendResponse(agentId, alice.getAddress(), BigInteger.ONE, "ipfs://spam-tag-2", NO_HASH)
                .send();
        as(responder)
                .appendResponse(agentId, alice.getAddress(), BigInteger.TWO, "ipfs://x", NO_HASH)
                .send();
        as(owner)
                .appendResponse(agentId, bob.getAddress(), BigInteger.ONE, "ipfs://thanks", NO_HASH)
                .send();

        ReputationRegistry reader = as(carol);
        List<String> everyone = List.of();
        assertThat(reader.getResponseCount(agentId, alice.getAddress(), BigInteger.ONE, everyone)
                        .send())
                .isEqualTo(BigInteger.valueOf(3));
        assertThat(reader.getResponseCount(agentId, alice.getAddress(), BigInteger.ONE, List.of(responder.getAddress()))
                        .send())
                .isEqualTo(BigInteger.TWO);
        assertThat(reader.getResponseCount(
                                agentId,
                                alice.getAddress(),
                                BigInteger.ONE,
                                List.of(owner.getAddress(), responder.getAddress()))
                        .send())
                .isEqualTo(BigInteger.valueOf(3));
        assertThat(reader.getResponseCount(agentId, alice.getAddress(), BigInteger.ZERO, everyone)
                        .send())
                .as("all of alice's entries")
                .isEqualTo(BigInteger.valueOf(4));
        assertThat(reader.getResponseCount(agentId, ZERO, BigInteger.ZERO, everyone)
                        .send())
                .as("all clients")
                .isEqualTo(BigInteger.valueOf(5));
        assertThat(reader.getResponseCount(agentId, ZERO, BigInteger.ZERO, List.of(owner.getAddress()))
                        .send())
                .as("owner's answers to all clients")
                .isEqualTo(BigInteger.TWO);
        assertThat(reader.getResponseCount(agentId, bob.getAddress(), BigInteger.ONE, List.of(responder.getAddress()))
                        .send())
                .isEqualTo(BigInteger.ZERO);
    }

    @Test
    void shouldRevertResponsesToMissingFeedbackOrWithoutUri() throws Exception {
        feedback(alice, agentId, 1, 0, "", "").send();
        assertThat(revertOf(
                        owner,
                        as(owner).appendResponse(agentId, alice.getAddress(), BigInteger.TWO, "ipfs://r", NO_HASH)))
                .isEqualTo(Errors.of("FeedbackNotFound", uint(agentId), address(alice.getAddress()), new Uint64(2)));
        assertThat(revertOf(
                        owner,
                        as(owner).appendResponse(agentId, bob.getAddress(), BigInteger.ONE, "ipfs://r", NO_HASH)))
                .isEqualTo(Errors.of("FeedbackNotFound", uint(agentId), address(bob.getAddress()), new Uint64(1)));
        assertThat(revertOf(owner, as(owner).appendResponse(agentId, alice.getAddress(), BigInteger.ONE, "", NO_HASH)))
                .isEqualTo(Errors.of("EmptyResponseURI"));
    }

    // ---------------------------------------------------------------- summary and reads

    @Test
    void shouldSummariseOnlyTheListedClientsWithNegativeValuesAndMixedDecimals() throws Exception {
        List<Given> given = submitMixedFeedback();
        List<List<Credentials>> clientLists = List.of(
                List.of(alice), List.of(bob), List.of(alice, bob), List.of(alice, bob, carol), List.of(carol, alice));
        List<String[]> tagFilters = List.of(
                new String[] {"", ""},
                new String[] {"quality", ""},
                new String[] {"", "gov"},
                new String[] {"quality", "gov"},
                new String[] {"speed", "ops"},
                new String[] {"missing", ""});
        for (List<Credentials> clients : clientLists) {
            for (String[] tags : tagFilters) {
                assertThat(summary(clients, tags[0], tags[1]))
                        .as(
                                "clients %s, tags %s/%s",
                                clients.stream().map(Credentials::getAddress).toList(), tags[0], tags[1])
                        .isEqualTo(expectedSummary(given, clients, tags[0], tags[1]));
            }
        }
    }

    @Test
    void shouldTruncateANegativeAverageTowardZeroAtTheMostCommonDecimals() throws Exception {
        submitMixedFeedback();
        // alice: -2.50, 3, -19.99 -> -19.49 / 3 = -6.4966..; decimals 2 twice, 0 once -> -6.49
        assertThat(summary(List.of(alice), "", ""))
                .isEqualTo(new Tuple3<>(BigInteger.valueOf(3), BigInteger.valueOf(-649), BigInteger.TWO));
    }

    @Test
    void shouldRequireAClientListForTheSummary() throws Exception {
        submitMixedFeedback();
        assertThat(revertOf(carol, as(carol).getSummary(agentId, List.of(), "", "")))
                .isEqualTo(Errors.of("ClientAddressesRequired"));
    }

    @Test
    void shouldReadAllFeedbackWithFiltersAndOptionallyTheRevoked() throws Exception {
        List<Given> given = submitMixedFeedback();
        checkReadAll(given, List.of(), "", "", false);
        checkReadAll(given, List.of(), "", "", true);
        checkReadAll(given, List.of(bob), "quality", "", true);
        checkReadAll(given, List.of(carol, alice), "", "ops", false);
        checkReadAll(given, List.of(alice), "nothing", "", true);
    }

    private static void checkReadAll(
            List<Given> given, List<Credentials> clients, String tag1, String tag2, boolean includeRevoked)
            throws Exception {
        List<Credentials> order = clients.isEmpty() ? List.of(alice, bob, carol) : clients;
        List<Given> expected = order.stream()
                .flatMap(c -> given.stream().filter(g -> g.client.equals(c)))
                .filter(g -> includeRevoked || !g.revoked)
                .filter(g -> tag1.isEmpty() || g.tag1.equals(tag1))
                .filter(g -> tag2.isEmpty() || g.tag2.equals(tag2))
                .toList();
        Tuple7<
                        List<String>,
                        List<BigInteger>,
                        List<BigInteger>,
                        List<BigInteger>,
                        List<String>,
                        List<String>,
                        List<Boolean>>
                all = as(carol)
                        .readAllFeedback(
                                agentId,
                                clients.stream().map(Credentials::getAddress).toList(),
                                tag1,
                                tag2,
                                includeRevoked)
                        .send();
        Function<Function<Given, Object>, List<Object>> column =
                f -> expected.stream().map(f).toList();
        assertThat(all.component1().stream()
                        .map(a -> a.toLowerCase(java.util.Locale.ROOT))
                        .toList())
                .isEqualTo(column.apply(g -> g.client.getAddress().toLowerCase(java.util.Locale.ROOT)));
        assertThat(all.component2()).isEqualTo(column.apply(g -> BigInteger.valueOf(g.index)));
        assertThat(all.component3()).isEqualTo(column.apply(g -> BigInteger.valueOf(g.value)));
        assertThat(all.component4()).isEqualTo(column.apply(g -> BigInteger.valueOf(g.decimals)));
        assertThat(all.component5()).isEqualTo(column.apply(Given::tag1));
        assertThat(all.component6()).isEqualTo(column.apply(Given::tag2));
        assertThat(all.component7()).isEqualTo(column.apply(Given::revoked));
    }

    @Test
    void shouldRefuseTheZeroIdentityRegistry() {
        assertThatThrownBy(() -> ReputationRegistry.deploy(
                                devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), ZERO)
                        .send())
                .isInstanceOf(TransactionException.class);
    }
}
