package io.chaoschain.chains.contracts;

import static io.chaoschain.chains.testing.Errors.address;
import static io.chaoschain.chains.testing.Errors.string;
import static io.chaoschain.chains.testing.Errors.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.contracts.AgentRegistry.MetadataEntry;
import io.chaoschain.chains.identity.AgentWalletAuthorization;
import io.chaoschain.chains.testcontracts.OwnerSignedWallet;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.Errors;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

@WithDevnet(revertAfterEachTest = true)
class AgentRegistryIT {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private static Devnet devnet;
    private static String registryAddress;
    private static Credentials owner;
    private static Credentials stranger;
    private static Credentials operator;

    @BeforeAll
    static void deploy(Devnet devnet) throws Exception {
        AgentRegistryIT.devnet = devnet;
        owner = devnet.account(1);
        stranger = devnet.account(2);
        operator = devnet.account(3);
        registryAddress = AgentRegistry.deploy(devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas())
                .send()
                .getContractAddress();
    }

    private static AgentRegistry as(Credentials who) {
        return AgentRegistry.load(registryAddress, devnet.web3j(), devnet.txManager(who), devnet.gas());
    }

    private static BigInteger registerAgent(Credentials who, String uri) throws Exception {
        TransactionReceipt receipt = as(who).register(uri).send();
        return AgentRegistry.getRegisteredEvents(receipt).getFirst().agentId;
    }

    private static String revertOf(Credentials from, RemoteFunctionCall<?> call) {
        return devnet.revertData(from.getAddress(), registryAddress, call.encodeFunctionCall());
    }

    private static AgentWalletAuthorization authorization(BigInteger agentId, String wallet, long deadline) {
        return new AgentWalletAuthorization(
                Devnet.CHAIN_ID, registryAddress, agentId, wallet, owner.getAddress(), BigInteger.valueOf(deadline));
    }

    private static long soon() {
        return devnet.latestTimestamp() + 120;
    }

    // ---------------------------------------------------------------- registration

    @Test
    void shouldRegisterWithoutUriAndMakeTheOwnerTheAgentWallet() throws Exception {
        TransactionReceipt receipt = as(owner).register().send();
        AgentRegistry.RegisteredEventResponse registered =
                AgentRegistry.getRegisteredEvents(receipt).getFirst();
        assertThat(registered.agentId).isEqualTo(BigInteger.ONE);
        assertThat(registered.owner).isEqualToIgnoringCase(owner.getAddress());
        assertThat(registered.agentURI).isEmpty();
        AgentRegistry registry = as(stranger);
        assertThat(registry.ownerOf(BigInteger.ONE).send()).isEqualToIgnoringCase(owner.getAddress());
        assertThat(registry.tokenURI(BigInteger.ONE).send()).isEmpty();
        assertThat(registry.getAgentWallet(BigInteger.ONE).send()).isEqualToIgnoringCase(owner.getAddress());
        assertThat(registry.getMetadata(BigInteger.ONE, "agentWallet").send())
                .isEqualTo(Hex.decode(owner.getAddress()));
        AgentRegistry.MetadataSetEventResponse walletEvent =
                AgentRegistry.getMetadataSetEvents(receipt).getFirst();
        assertThat(walletEvent.metadataKey).isEqualTo("agentWallet");
        assertThat(walletEvent.indexedMetadataKey).isEqualTo(Hash.sha3("agentWallet".getBytes(StandardCharsets.UTF_8)));
        assertThat(walletEvent.metadataValue).isEqualTo(Hex.decode(owner.getAddress()));
        assertThat(AgentRegistry.getTransferEvents(receipt)).hasSize(1);
        assertThat(registry.supportsInterface(Hex.decode("0x80ac58cd")).send())
                .as("ERC-721")
                .isTrue();
        assertThat(List.of(registry.name().send(), registry.symbol().send())).containsExactly("AgentIdentity", "AGENT");
    }

    @Test
    void shouldRegisterWithUriAndNumberAgentsFromOne() throws Exception {
        BigInteger first = registerAgent(owner, "ipfs://agent-one");
        BigInteger second = registerAgent(stranger, "https://example.org/agent-two.json");
        assertThat(List.of(first, second)).containsExactly(BigInteger.ONE, BigInteger.TWO);
        assertThat(as(owner).tokenURI(first).send()).isEqualTo("ipfs://agent-one");
        assertThat(as(owner).tokenURI(second).send()).isEqualTo("https://example.org/agent-two.json");
        assertThat(as(owner).ownerOf(second).send()).isEqualToIgnoringCase(stranger.getAddress());
        assertThat(as(owner).totalAgents().send()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void shouldRegisterWithMetadataEntries() throws Exception {
        List<MetadataEntry> metadata = List.of(
                new MetadataEntry("role", "proposer".getBytes(StandardCharsets.UTF_8)),
                new MetadataEntry("model", new byte[] {1, 2, 3}));
        TransactionReceipt receipt =
                as(owner).register("ipfs://with-metadata", metadata).send();
        BigInteger id = AgentRegistry.getRegisteredEvents(receipt).getFirst().agentId;
        assertThat(as(owner).getMetadata(id, "role").send()).isEqualTo("proposer".getBytes(StandardCharsets.UTF_8));
        assertThat(as(owner).getMetadata(id, "model").send()).containsExactly(1, 2, 3);
        assertThat(as(owner).getMetadata(id, "unset").send()).isEmpty();
        assertThat(AgentRegistry.getMetadataSetEvents(receipt))
                .extracting(e -> e.metadataKey)
                .containsExactly("agentWallet", "role", "model");
    }

    @Test
    void shouldRefuseTheReservedWalletKeyAtRegistration() {
        List<MetadataEntry> metadata = List.of(new MetadataEntry("agentWallet", Hex.decode(stranger.getAddress())));
        assertThat(revertOf(owner, as(owner).register("ipfs://x", metadata)))
                .isEqualTo(Errors.of("ReservedMetadataKey", string("agentWallet")));
    }

    // ---------------------------------------------------------------- URI

    @Test
    void shouldLetTheOwnerUpdateTheUri() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://old");
        TransactionReceipt receipt = as(owner).setAgentURI(id, "ipfs://new").send();
        assertThat(as(owner).tokenURI(id).send()).isEqualTo("ipfs://new");
        AgentRegistry.URIUpdatedEventResponse event =
                AgentRegistry.getURIUpdatedEvents(receipt).getFirst();
        assertThat(event.agentId).isEqualTo(id);
        assertThat(event.newURI).isEqualTo("ipfs://new");
        assertThat(event.updatedBy).isEqualToIgnoringCase(owner.getAddress());
    }

    @Test
    void shouldLetApprovedAddressesAndOperatorsUpdateTheUri() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://old");
        as(owner).approve(stranger.getAddress(), id).send();
        as(stranger).setAgentURI(id, "ipfs://by-approved").send();
        as(owner).setApprovalForAll(operator.getAddress(), true).send();
        TransactionReceipt receipt =
                as(operator).setAgentURI(id, "ipfs://by-operator").send();
        assertThat(as(owner).tokenURI(id).send()).isEqualTo("ipfs://by-operator");
        assertThat(AgentRegistry.getURIUpdatedEvents(receipt).getFirst().updatedBy)
                .isEqualToIgnoringCase(operator.getAddress());
        assertThat(as(owner).isAuthorizedOrOwner(operator.getAddress(), id).send())
                .isTrue();
    }

    @Test
    void shouldRevertWhenAStrangerUpdatesTheUri() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://old");
        assertThat(revertOf(stranger, as(stranger).setAgentURI(id, "ipfs://hijack")))
                .isEqualTo(Errors.of("NotAuthorized", uint(id), address(stranger.getAddress())));
        assertThatThrownBy(() -> as(stranger).setAgentURI(id, "ipfs://hijack").send())
                .isInstanceOf(TransactionException.class);
        assertThat(as(owner).tokenURI(id).send()).isEqualTo("ipfs://old");
        assertThat(as(owner).isAuthorizedOrOwner(stranger.getAddress(), id).send())
                .isFalse();
    }

    @Test
    void shouldRevertForAnUnknownAgent() {
        assertThat(revertOf(owner, as(owner).setAgentURI(BigInteger.valueOf(42), "ipfs://x")))
                .isEqualTo(Errors.of("ERC721NonexistentToken", uint(42)));
        assertThat(revertOf(owner, as(owner).getAgentWallet(BigInteger.valueOf(42))))
                .isEqualTo(Errors.of("ERC721NonexistentToken", uint(42)));
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void shouldSetAndOverwriteMetadata() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        as(owner)
                .setMetadata(id, "endpoint", "https://a".getBytes(StandardCharsets.UTF_8))
                .send();
        TransactionReceipt receipt = as(owner)
                .setMetadata(id, "endpoint", "https://b".getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(new String(as(owner).getMetadata(id, "endpoint").send(), StandardCharsets.UTF_8))
                .isEqualTo("https://b");
        AgentRegistry.MetadataSetEventResponse event =
                AgentRegistry.getMetadataSetEvents(receipt).getFirst();
        assertThat(event.agentId).isEqualTo(id);
        assertThat(event.metadataKey).isEqualTo("endpoint");
        assertThat(event.indexedMetadataKey).isEqualTo(Hash.sha3("endpoint".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRefuseTheReservedWalletKeyInSetMetadata() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        assertThat(revertOf(owner, as(owner).setMetadata(id, "agentWallet", Hex.decode(stranger.getAddress()))))
                .isEqualTo(Errors.of("ReservedMetadataKey", string("agentWallet")));
        assertThat(as(owner).getAgentWallet(id).send()).isEqualToIgnoringCase(owner.getAddress());
    }

    @Test
    void shouldRevertWhenAStrangerSetsMetadata() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        assertThat(revertOf(stranger, as(stranger).setMetadata(id, "endpoint", new byte[] {1})))
                .isEqualTo(Errors.of("NotAuthorized", uint(id), address(stranger.getAddress())));
    }

    // ---------------------------------------------------------------- agent wallet

    @Test
    void shouldComputeTheSameWalletDigestInJavaAsTheContract() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        String wallet = Credentials.create(Keys.createEcKeyPair()).getAddress();
        long deadline = soon();
        byte[] onChain = as(owner)
                .walletSetDigest(id, wallet, owner.getAddress(), BigInteger.valueOf(deadline))
                .send();
        assertThat(authorization(id, wallet, deadline).digest()).isEqualTo(onChain);
        assertThat(as(owner).AGENT_WALLET_SET_TYPEHASH().send())
                .isEqualTo(Hash.sha3("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)"
                        .getBytes(StandardCharsets.UTF_8)));
        var domain = as(owner).eip712Domain().send();
        assertThat(domain.component2()).isEqualTo("ERC8004IdentityRegistry");
        assertThat(domain.component3()).isEqualTo("1");
        assertThat(domain.component4()).isEqualTo(BigInteger.valueOf(Devnet.CHAIN_ID));
        assertThat(domain.component5()).isEqualToIgnoringCase(registryAddress);
    }

    @Test
    void shouldSetAWalletSignedByTheNewWallet() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        long deadline = soon();
        byte[] signature = authorization(id, wallet.getAddress(), deadline).signWith(wallet);
        TransactionReceipt receipt = as(owner)
                .setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline), signature)
                .send();
        assertThat(as(stranger).getAgentWallet(id).send()).isEqualToIgnoringCase(wallet.getAddress());
        assertThat(as(stranger).getMetadata(id, "agentWallet").send()).isEqualTo(Hex.decode(wallet.getAddress()));
        AgentRegistry.MetadataSetEventResponse event =
                AgentRegistry.getMetadataSetEvents(receipt).getFirst();
        assertThat(event.metadataKey).isEqualTo("agentWallet");
        assertThat(event.metadataValue).isEqualTo(Hex.decode(wallet.getAddress()));
    }

    @Test
    void shouldRevertWhenTheSignatureIsNotTheNewWallets() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        long deadline = soon();
        byte[] signedByOwner = authorization(id, wallet.getAddress(), deadline).signWith(owner);
        assertThat(revertOf(
                        owner,
                        as(owner).setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline), signedByOwner)))
                .isEqualTo(Errors.of("InvalidWalletSignature", address(wallet.getAddress())));
        assertThatThrownBy(() -> as(owner)
                        .setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline), signedByOwner)
                        .send())
                .isInstanceOf(TransactionException.class);
        assertThat(as(owner).getAgentWallet(id).send()).isEqualToIgnoringCase(owner.getAddress());
    }

    @Test
    void shouldRevertWhenTheSignedMessageDiffersFromTheCall() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        long deadline = soon();
        byte[] signature = authorization(id, wallet.getAddress(), deadline).signWith(wallet);
        assertThat(revertOf(
                        owner,
                        as(owner).setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline + 1), signature)))
                .isEqualTo(Errors.of("InvalidWalletSignature", address(wallet.getAddress())));
    }

    @Test
    void shouldRevertWhenTheDeadlineHasPassed() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        long deadline = devnet.latestTimestamp() - 1;
        byte[] signature = authorization(id, wallet.getAddress(), deadline).signWith(wallet);
        String data = revertOf(
                owner, as(owner).setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline), signature));
        // the second argument is the block time, which the test does not pin
        assertThat(data.substring(0, 74))
                .isEqualTo(
                        Errors.of("SignatureExpired", uint(deadline), uint(0)).substring(0, 74));
        assertThatThrownBy(() -> as(owner)
                        .setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline), signature)
                        .send())
                .isInstanceOf(TransactionException.class);
    }

    @Test
    void shouldRevertWhenTheDeadlineIsTooFarAhead() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        long deadline = devnet.latestTimestamp() + 3600;
        byte[] signature = authorization(id, wallet.getAddress(), deadline).signWith(wallet);
        String data = revertOf(
                owner, as(owner).setAgentWallet(id, wallet.getAddress(), BigInteger.valueOf(deadline), signature));
        assertThat(data.substring(0, 74))
                .isEqualTo(Errors.of("DeadlineTooFar", uint(deadline), uint(0)).substring(0, 74));
    }

    @Test
    void shouldRevertWhenAStrangerSetsTheWallet() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        long deadline = soon();
        byte[] signature = authorization(id, stranger.getAddress(), deadline).signWith(stranger);
        assertThat(revertOf(
                        stranger,
                        as(stranger)
                                .setAgentWallet(id, stranger.getAddress(), BigInteger.valueOf(deadline), signature)))
                .isEqualTo(Errors.of("NotAuthorized", uint(id), address(stranger.getAddress())));
    }

    @Test
    void shouldRevertForTheZeroWallet() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        assertThat(revertOf(owner, as(owner).setAgentWallet(id, ZERO, BigInteger.valueOf(soon()), new byte[65])))
                .isEqualTo(Errors.of("InvalidWallet", address(ZERO)));
    }

    @Test
    void shouldAcceptAContractWalletThroughErc1271() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials walletKey = Credentials.create(Keys.createEcKeyPair());
        String wallet = OwnerSignedWallet.deploy(
                        devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), walletKey.getAddress())
                .send()
                .getContractAddress();
        long deadline = soon();
        byte[] signature = authorization(id, wallet, deadline).signWith(walletKey);
        as(owner)
                .setAgentWallet(id, wallet, BigInteger.valueOf(deadline), signature)
                .send();
        assertThat(as(owner).getAgentWallet(id).send()).isEqualToIgnoringCase(wallet);
    }

    @Test
    void shouldRefuseAContractWalletSignatureMadeWithTheWrongKey() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials walletKey = Credentials.create(Keys.createEcKeyPair());
        String wallet = OwnerSignedWallet.deploy(
                        devnet.web3j(), devnet.txManager(devnet.account(0)), devnet.gas(), walletKey.getAddress())
                .send()
                .getContractAddress();
        long deadline = soon();
        byte[] signature = authorization(id, wallet, deadline).signWith(stranger);
        assertThat(revertOf(owner, as(owner).setAgentWallet(id, wallet, BigInteger.valueOf(deadline), signature)))
                .isEqualTo(Errors.of("InvalidWalletSignature", address(wallet)));
    }

    @Test
    void shouldUnsetTheWallet() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        TransactionReceipt receipt = as(owner).unsetAgentWallet(id).send();
        assertThat(as(owner).getAgentWallet(id).send()).isEqualToIgnoringCase(ZERO);
        assertThat(as(owner).getMetadata(id, "agentWallet").send()).isEmpty();
        assertThat(AgentRegistry.getMetadataSetEvents(receipt).getFirst().metadataValue)
                .isEmpty();
        assertThat(revertOf(stranger, as(stranger).unsetAgentWallet(id)))
                .isEqualTo(Errors.of("NotAuthorized", uint(id), address(stranger.getAddress())));
    }

    @Test
    void shouldClearTheWalletWhenTheAgentIsTransferred() throws Exception {
        BigInteger id = registerAgent(owner, "ipfs://a");
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        long deadline = soon();
        as(owner)
                .setAgentWallet(
                        id,
                        wallet.getAddress(),
                        BigInteger.valueOf(deadline),
                        authorization(id, wallet.getAddress(), deadline).signWith(wallet))
                .send();
        TransactionReceipt receipt = as(owner)
                .transferFrom(owner.getAddress(), stranger.getAddress(), id)
                .send();
        assertThat(as(owner).ownerOf(id).send()).isEqualToIgnoringCase(stranger.getAddress());
        assertThat(as(owner).getAgentWallet(id).send()).isEqualToIgnoringCase(ZERO);
        assertThat(as(owner).tokenURI(id).send()).isEqualTo("ipfs://a");
        assertThat(AgentRegistry.getMetadataSetEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.metadataValue).isEmpty());
    }
}
