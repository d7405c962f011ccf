package io.chaoschain.chains.testing;

import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.chains.contracts.AgentRegistry;
import io.chaoschain.chains.deploy.DaoDeployer;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.keys.DevAccounts;
import io.chaoschain.chains.tx.NonceManager;
import io.chaoschain.chains.tx.RevertDecoder;
import io.chaoschain.chains.tx.TransactionSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * A real Anvil devnet for integration tests: web3j wired for speed (fast receipt polling, static gas), the project's
 * own {@link EvmChainClient} with transaction senders for the funded dev accounts, and the Anvil test RPCs (mine, time
 * travel, snapshots, reorgs, impersonation). Tests get one from {@link DevnetExtension}, which closes it after the
 * test class.
 */
public final class Devnet implements AutoCloseable {
    public static final long CHAIN_ID = 31337;
    private static final StaticGasProvider GAS =
            new StaticGasProvider(BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(15_000_000));

    private final AnvilProcess anvil;
    private final HttpService http;
    private final Web3j web3j;
    private final TransactionReceiptProcessor receipts;
    private final EvmChainClient client;
    private final NonceManager nonces;

    private Devnet(AnvilProcess anvil) {
        this.anvil = anvil;
        this.http = new HttpService(anvil.rpcUrl());
        this.web3j = Web3j.build(http);
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 20, 500);
        this.client = EvmChainClient.connect(ChainEndpoints.of("devnet", CHAIN_ID, anvil.rpcUrl()));
        this.nonces = new NonceManager(client);
    }

    /** Starts a fresh Anvil devnet; prefer {@link DevnetExtension}, which also stops it. */
    public static Devnet start() {
        AnvilProcess anvil = AnvilProcess.start(AnvilProcess.Options.devnet(CHAIN_ID));
        try {
            return new Devnet(anvil);
        } catch (RuntimeException e) {
            anvil.close();
            throw e;
        }
    }

    public Web3j web3j() {
        return web3j;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    /** The project's chain client on this devnet. */
    public EvmChainClient client() {
        return client;
    }

    public ContractGasProvider gas() {
        return GAS;
    }

    public TransactionReceiptProcessor receipts() {
        return receipts;
    }

    /** Dev account {@code index}, funded with 10000 ETH by Anvil. */
    public Credentials account(int index) {
        return AnvilAccounts.credentials(index);
    }

    public TransactionManager txManager(Credentials credentials) {
        return new RawTransactionManager(web3j, credentials, CHAIN_ID, receipts);
    }

    /** A sender for dev account {@code index}, sharing this devnet's nonce manager, polling receipts every 10 ms. */
    public TransactionSender sender(int index) {
        return sender(index, TransactionSender.Options.defaults());
    }

    public TransactionSender sender(int index, TransactionSender.Options options) {
        return TransactionSender.create(
                client,
                DevAccounts.signer(index),
                nonces,
                RevertDecoder.bundled(),
                options.withReceiptPolling(Duration.ofMillis(10), Duration.ofSeconds(30)));
    }

    /** Sends as {@code address} without its key (anvil_impersonateAccount), after giving it gas money. */
    public TransactionManager impersonate(String address) {
        rpc("anvil_impersonateAccount", List.of(address));
        fund(address);
        return new ClientTransactionManager(web3j, address, receipts);
    }

    /** Sets the balance of {@code address} to 1000 ETH. */
    public void fund(String address) {
        rpc("anvil_setBalance", List.of(address, "0x3635c9adc5dea00000"));
    }

    /** An identity registry with one agent in it, as the reputation and validation registries' tests need. */
    public record RegisteredAgent(String registry, BigInteger agentId) {}

    /**
     * Deploys an {@link AgentRegistry} from account 0 and registers one agent owned by {@code owner}, with
     * {@code operator} approved for all of the owner's agents and {@code approved} for this agent alone.
     */
    public RegisteredAgent registerAgent(Credentials owner, Credentials operator, Credentials approved) {
        try {
            String registry = AgentRegistry.deploy(web3j(), txManager(account(0)), gas())
                    .send()
                    .getContractAddress();
            AgentRegistry identity = AgentRegistry.load(registry, web3j(), txManager(owner), gas());
            BigInteger agentId = AgentRegistry.getRegisteredEvents(
                            identity.register("ipfs://agent").send())
                    .getFirst()
                    .agentId;
            identity.setApprovalForAll(operator.getAddress(), true).send();
            identity.approve(approved.getAddress(), agentId).send();
            return new RegisteredAgent(registry, agentId);
        } catch (Exception e) {
            throw new IllegalStateException("registering a test agent failed: " + e.getMessage(), e);
        }
    }

    /** Deploys the local DAO with the given settings from dev account 0. */
    public DaoDeployment deployDao(DaoDeployer.Settings settings) {
        return new DaoDeployer(web3j, account(0), GAS, receipts).deploy(settings);
    }

    public void mine(long blocks) {
        rpc("anvil_mine", List.of("0x" + Long.toHexString(blocks)));
    }

    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", List.of(seconds));
    }

    public String snapshot() {
        return (String) rpc("evm_snapshot", List.of());
    }

    /** Restores the chain to {@code snapshotId}; transactions sent since are gone, so cached nonces are forgotten. */
    public void revert(String snapshotId) {
        Object ok = rpc("evm_revert", List.of(snapshotId));
        nonces.invalidateAll();
        if (!Boolean.TRUE.equals(ok)) {
            throw new IllegalStateException("evm_revert(" + snapshotId + ") returned " + ok);
        }
    }

    /**
     * Replaces the last {@code depth} blocks with new ones holding {@code transactions} (each a transaction object Anvil
     * signs for an unlocked dev account, with the offset of the new block to put it in). Transactions of the replaced
     * blocks are dropped, so cached nonces are forgotten.
     */
    public void reorg(int depth, List<Map.Entry<Map<String, String>, Integer>> transactions) {
        List<List<Object>> pairs = new ArrayList<>();
        for (var entry : transactions) {
            pairs.add(List.of(entry.getKey(), entry.getValue()));
        }
        rpc("anvil_reorg", List.of(depth, pairs));
        nonces.invalidateAll();
    }

    /** Removes the last {@code depth} blocks; their transactions are dropped. */
    public void rollback(int depth) {
        rpc("anvil_rollback", List.of(depth));
        nonces.invalidateAll();
    }

    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long latestTimestamp() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                    .send()
                    .getBlock()
                    .getTimestamp()
                    .longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code calldata} from {@code from} against the latest state with eth_call and returns the revert data
     * (0x-prefixed), or fails when the call succeeds.
     */
    public String revertData(String from, String to, String calldata) {
        try {
            EthCall call = web3j.ethCall(
                            Transaction.createEthCallTransaction(from, to, calldata), DefaultBlockParameterName.LATEST)
                    .send();
            if (!call.hasError()) {
                throw new AssertionError("expected the call to revert, but it returned " + call.getValue());
            }
            String data = call.getError().getData();
            if (data == null) {
                throw new AssertionError("the call failed without revert data: "
                        + call.getError().getMessage());
            }
            return data.replace("\"", "").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls any JSON-RPC method (Anvil's test methods included) and returns its result as parsed JSON. */
    public Object rpc(String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, http, ObjectResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(
                        method + " failed: " + response.getError().getMessage());
            }
            return response.getResult();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON-RPC response whose result is whatever JSON came back. */
    public static final class ObjectResponse extends Response<Object> {}

    @Override
    public void close() {
        try {
            client.close();
            web3j.shutdown();
        } finally {
            anvil.close();
        }
    }
}
