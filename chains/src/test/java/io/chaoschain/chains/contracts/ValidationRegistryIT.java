package io.chaoschain.chains.contracts;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.Errors;
import io.chaoschain.chains.testing.WithDevnet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tuples.generated.Tuple6;

@WithDevnet(revertAfterEachTest = true)
class ValidationRegistryIT {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final byte[] NO_HASH = new byte[32];

    private static Devnet devnet;
    private static String identityAddress;
    private static String validationAddress;
    private static BigInteger agentId;
    private static Credentials owner;
    private static Credentials operator;
    private static Credentials approved;
    private static Credentials stranger;
    private static Credentials validator;
    private static Credentials otherValidator;

    /** A validation the test answered, the independent record summaries are checked against. */
    private record Answered(Credentials validator, int response, String tag) {}

    @BeforeAll
    static void deploy(Devnet devnet) throws Exception {
        ValidationRegistryIT.devnet = devnet;
        owner = devnet.account(1);
        operator = devnet.account(2);
        approved = devnet.account(3);
        stranger = devnet.account(4);
        validator = devnet.account(5);
        otherValidator = devnet.account(6);
        Devnet.RegisteredAgent agent = devnet.registerAgent(owner, operator, approved);
        identityAddress = agent.registry();
        agentId = agent.agentId();
        validationAddress = ValidationRegistry.deploy(
                        devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), identityAddress)
                .send()
                .getContractAddress();
    }

    private static ValidationRegistry as(Credentials who) {
        return ValidationRegistry.load(validationAddress, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    private static String revertOf(Credentials from, RemoteFunctionCall<?> call) {
        return devnet.revertData(from.getAddress(), validationAddress, call.encodeFunctionCall());
    }

    private static byte[] hashOf(String request) {
        return Hash.sha3(request.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] request(Credentials requester, Credentials chosen, String name) throws Exception {
        byte[] requestHash = hashOf(name);
        as(requester)
                .validationRequest(chosen.getAddress(), agentId, "ipfs://" + name, requestHash)
                .send();
        return requestHash;
    }

    private static long blockTime(TransactionReceipt receipt) throws Exception {
        return devnet.web3j()
                .ethGetBlockByHash(receipt.getBlockHash(), false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    // ---------------------------------------------------------------- requests

    @Test
    void shouldRecordARequestFromTheAgentOwner() throws Exception {
        byte[] requestHash = hashOf("proposal-7 simulation");
        TransactionReceipt receipt = as(owner)
                .validationRequest(validator.getAddress(), agentId, "ipfs://proposal-7-report", requestHash)
                .send();

        ValidationRegistry.ValidationRequestEventResponse event =
                ValidationRegistry.getValidationRequestEvents(receipt).getFirst();
        assertThat(event.validatorAddress).isEqualToIgnoringCase(validator.getAddress());
        assertThat(event.agentId).isEqualTo(agentId);
        assertThat(event.requestURI).isEqualTo("ipfs://proposal-7-report");
        assertThat(event.requestHash).isEqualTo(requestHash);

        Tuple6<String, BigInteger, BigInteger, byte[], String, BigInteger> status =
                as(stranger).getValidationStatus(requestHash).send();
        assertThat(status.component1()).isEqualToIgnoringCase(validator.getAddress());
        assertThat(status.component2()).isEqualTo(agentId);
        assertThat(status.component3()).isEqualTo(BigInteger.ZERO);
        assertThat(status.component4()).isEqualTo(NO_HASH);
        assertThat(status.component5()).isEmpty();
        assertThat(status.component6()).isEqualTo(BigInteger.valueOf(blockTime(receipt)));
        assertThat(as(stranger).getAgentValidations(agentId).send())
                .singleElement()
                .isEqualTo(requestHash);
        assertThat(as(stranger).getValidatorRequests(validator.getAddress()).send())
                .singleElement()
                .isEqualTo(requestHash);
        assertThat(as(stranger).getIdentityRegistry().send()).isEqualToIgnoringCase(identityAddress);
    }

    @Test
    void shouldAcceptRequestsFromTheOperatorAndTheApprovedAddressAndListThemInOrder() throws Exception {
        byte[] first = request(operator, validator, "by-operator");
        byte[] second = request(approved, otherValidator, "by-approved");
        byte[] third = request(owner, validator, "by-owner");
        assertThat(as(stranger).getAgentValidations(agentId).send()).containsExactly(first, second, third);
        assertThat(as(stranger).getValidatorRequests(validator.getAddress()).send())
                .containsExactly(first, third);
        assertThat(as(stranger)
                        .getValidatorRequests(otherValidator.getAddress())
                        .send())
                .containsExactly(second);
        assertThat(as(stranger).getValidatorRequests(stranger.getAddress()).send())
                .isEmpty();
    }

    @Test
    void shouldRevertWhenAStrangerRequestsValidationForTheAgent() {
        assertThat(revertOf(
                        stranger,
                        as(stranger).validationRequest(validator.getAddress(), agentId, "ipfs://x", hashOf("x"))))
                .isEqualTo(Errors.of("NotAuthorized", uint(agentId), address(stranger.getAddress())));
        assertThatThrownBy(() -> as(stranger)
                        .validationRequest(validator.getAddress(), agentId, "ipfs://x", hashOf("x"))
                        .send())
                .isInstanceOf(TransactionException.class);
    }

    @Test
    void shouldRevertARequestForAnUnknownAgent() {
        assertThat(revertOf(
                        owner,
                        as(owner)
                                .validationRequest(
                                        validator.getAddress(), BigInteger.valueOf(42), "ipfs://x", hashOf("x"))))
                .isEqualTo(Errors.of("UnknownAgent", uint(42)));
    }

    @Test
    void shouldRevertARequestToTheZeroValidator() {
        assertThat(revertOf(owner, as(owner).validationRequest(ZERO, agentId, "ipfs://x", hashOf("x"))))
                .isEqualTo(Errors.of("InvalidValidator"));
    }

    @Test
    void shouldRevertWhenTheRequestHashIsReused() throws Exception {
        byte[] requestHash = request(owner, validator, "once");
        assertThat(revertOf(
                        owner,
                        as(owner).validationRequest(otherValidator.getAddress(), agentId, "ipfs://again", requestHash)))
                .isEqualTo(Errors.of("RequestExists", new Bytes32(requestHash)));
    }

    // ---------------------------------------------------------------- responses

    @Test
    void shouldRecordTheValidatorsResponseAndLetItBeUpdated() throws Exception {
        byte[] requestHash = request(owner, validator, "progressive");
        byte[] responseHash = hashOf("re-executed, all invariants hold");
        TransactionReceipt receipt = as(validator)
                .validationResponse(
                        requestHash, BigInteger.valueOf(40), "ipfs://partial", responseHash, "soft-finality")
                .send();
        ValidationRegistry.ValidationResponseEventResponse event =
                ValidationRegistry.getValidationResponseEvents(receipt).getFirst();
        assertThat(event.validatorAddress).isEqualToIgnoringCase(validator.getAddress());
        assertThat(event.agentId).isEqualTo(agentId);
        assertThat(event.requestHash).isEqualTo(requestHash);
        assertThat(event.response).isEqualTo(BigInteger.valueOf(40));
        assertThat(event.responseURI).isEqualTo("ipfs://partial");
        assertThat(event.responseHash).isEqualTo(responseHash);
        assertThat(event.tag).isEqualTo("soft-finality");
        var status = as(stranger).getValidationStatus(requestHash).send();
        assertThat(status.component3()).isEqualTo(BigInteger.valueOf(40));
        assertThat(status.component4()).isEqualTo(responseHash);
        assertThat(status.component5()).isEqualTo("soft-finality");
        assertThat(status.component6()).isEqualTo(BigInteger.valueOf(blockTime(receipt)));

        devnet.increaseTime(600);
        TransactionReceipt later = as(validator)
                .validationResponse(requestHash, BigInteger.valueOf(100), "ipfs://final", NO_HASH, "hard-finality")
                .send();
        var updated = as(stranger).getValidationStatus(requestHash).send();
        assertThat(updated.component3()).isEqualTo(BigInteger.valueOf(100));
        assertThat(updated.component4()).isEqualTo(NO_HASH);
        assertThat(updated.component5()).isEqualTo("hard-finality");
        assertThat(updated.component6())
                .isEqualTo(BigInteger.valueOf(blockTime(later)))
                .isGreaterThanOrEqualTo(status.component6().add(BigInteger.valueOf(600)));
    }

    @Test
    void shouldRevertWhenAnyoneButTheRequestedValidatorResponds() throws Exception {
        byte[] requestHash = request(owner, validator, "only-validator");
        for (Credentials other : List.of(owner, otherValidator, stranger)) {
            assertThat(revertOf(
                            other,
                            as(other).validationResponse(requestHash, BigInteger.valueOf(90), "ipfs://r", NO_HASH, "")))
                    .as(other.getAddress())
                    .isEqualTo(Errors.of("NotValidator", new Bytes32(requestHash), address(other.getAddress())));
        }
        assertThatThrownBy(() -> as(owner)
                        .validationResponse(requestHash, BigInteger.valueOf(90), "ipfs://r", NO_HASH, "")
                        .send())
                .isInstanceOf(TransactionException.class);
        assertThat(as(stranger).getValidationStatus(requestHash).send().component3())
                .isEqualTo(BigInteger.ZERO);
    }

    @Test
    void shouldAcceptResponsesFromZeroToOneHundredAndRefuseAbove() throws Exception {
        byte[] requestHash = request(owner, validator, "range");
        for (int response : new int[] {0, 100}) {
            as(validator)
                    .validationResponse(requestHash, BigInteger.valueOf(response), "ipfs://r", NO_HASH, "")
                    .send();
            assertThat(as(stranger).getValidationStatus(requestHash).send().component3())
                    .isEqualTo(BigInteger.valueOf(response));
        }
        for (int response : new int[] {101, 255}) {
            assertThat(revertOf(
                            validator,
                            as(validator)
                                    .validationResponse(
                                            requestHash, BigInteger.valueOf(response), "ipfs://r", NO_HASH, "")))
                    .isEqualTo(Errors.of("ResponseOutOfRange", new Uint8(response)));
        }
    }

    @Test
    void shouldRevertForAnUnknownRequest() {
        byte[] unknown = hashOf("never requested");
        String expected = Errors.of("UnknownRequest", new Bytes32(unknown));
        assertThat(revertOf(
                        validator,
                        as(validator).validationResponse(unknown, BigInteger.valueOf(50), "ipfs://r", NO_HASH, "")))
                .isEqualTo(expected);
        assertThat(revertOf(stranger, as(stranger).getValidationStatus(unknown)))
                .isEqualTo(expected);
    }

    // ---------------------------------------------------------------- summary

    @Test
    void shouldSummariseOnlyAnsweredRequestsByValidatorAndTag() throws Exception {
        List<Answered> answered = new ArrayList<>();
        Object[][] plan = {
            {validator, 90, "zkml"},
            {validator, 71, "tee"},
            {otherValidator, 40, "zkml"},
            {otherValidator, 100, "reexecution"},
            {validator, 0, "zkml"}
        };
        for (int i = 0; i < plan.length; i++) {
            Credentials chosen = (Credentials) plan[i][0];
            byte[] requestHash = request(owner, chosen, "summary-" + i);
            as(chosen)
                    .validationResponse(
                            requestHash, BigInteger.valueOf((int) plan[i][1]), "ipfs://r", NO_HASH, (String) plan[i][2])
                    .send();
            answered.add(new Answered(chosen, (int) plan[i][1], (String) plan[i][2]));
        }
        request(owner, validator, "unanswered-1");
        request(owner, otherValidator, "unanswered-2");

        List<List<Credentials>> validatorLists = List.of(
                List.of(),
                List.of(validator),
                List.of(otherValidator),
                List.of(validator, otherValidator),
                List.of(stranger));
        for (List<Credentials> validators : validatorLists) {
            for (String tag : List.of("", "zkml", "tee", "reexecution", "none")) {
                List<Answered> matching = answered.stream()
                        .filter(a -> validators.isEmpty() || validators.contains(a.validator))
                        .filter(a -> tag.isEmpty() || a.tag.equals(tag))
                        .toList();
                int sum = matching.stream().mapToInt(Answered::response).sum();
                Tuple2<BigInteger, BigInteger> expected = new Tuple2<>(
                        BigInteger.valueOf(matching.size()),
                        BigInteger.valueOf(matching.isEmpty() ? 0 : Math.floorDiv(sum, matching.size())));
                assertThat(as(stranger)
                                .getSummary(
                                        agentId,
                                        validators.stream()
                                                .map(Credentials::getAddress)
                                                .toList(),
                                        tag)
                                .send())
                        .as("validators %s, tag '%s'", validators.size(), tag)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldRefuseTheZeroIdentityRegistry() {
        assertThatThrownBy(() -> ValidationRegistry.deploy(
                                devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), ZERO)
                        .send())
                .isInstanceOf(TransactionException.class);
    }
}
