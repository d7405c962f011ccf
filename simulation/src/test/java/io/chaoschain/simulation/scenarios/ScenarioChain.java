package io.chaoschain.simulation.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoschain.chains.deploy.DaoDeployer;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.evidence.Bytecode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * The devnet the scenario library plays its histories on: the local DAO (DaoDeployer, two-day timelock) with a
 * treasury of 1,000,000 dUSD in the timelock, days of blocks mined after the deployment (so its delegations are old),
 * and the scenario contracts deployed from {@code target/scenario-contracts/combined.json}.
 */
final class ScenarioChain {
    static final long CHAIN_ID = Devnet.CHAIN_ID;
    /**
     * C2's freshness window on this devnet: mining a day of blocks (C2's default, 7200) takes Anvil too long for a
     * test, so the library runs with a shorter window and mines past it after the deployment.
     */
    static final int FRESH_BLOCKS = 200;

    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger TREASURY = tokens(1_000_000);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(15_000_000);

    final Devnet devnet;
    final DaoDeployment dao;
    private final JsonNode artifacts;

    ScenarioChain(Devnet devnet) {
        this.devnet = devnet;
        try {
            artifacts =
                    new ObjectMapper().readTree(Files.readString(Path.of("target/scenario-contracts/combined.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("scenario contracts not compiled: run the build's generate-test-sources", e);
        }
        dao = devnet.deployDao(DaoDeployer.Settings.defaults().withTimelockMinDelay(Duration.ofDays(2)));
        send(0, dao.asset(), fn("mint", addr(dao.timelock()), uint(TREASURY)));
        devnet.mine(FRESH_BLOCKS + 50);
    }

    static BigInteger tokens(long n) {
        return BigInteger.valueOf(n).multiply(WAD);
    }

    static BigInteger pct(long n) {
        return BigInteger.valueOf(n).multiply(WAD).divide(BigInteger.valueOf(100));
    }

    String address(int account) {
        return devnet.account(account).getAddress().toLowerCase(Locale.ROOT);
    }

    /** Deploys a scenario contract from dev account {@code from}; returns its address. */
    String deploy(int from, String contract, Type<?>... args) {
        JsonNode artifact = artifacts.get(contract);
        if (artifact == null) {
            throw new IllegalArgumentException("no scenario contract " + contract);
        }
        String data = "0x" + artifact.get("bin").asText() + FunctionEncoder.encodeConstructor(List.of(args));
        TransactionReceipt receipt = transact(devnet.txManager(devnet.account(from)), null, data, BigInteger.ZERO);
        return receipt.getContractAddress().toLowerCase(Locale.ROOT);
    }

    /** Sends {@code data} to {@code to} from dev account {@code from}; fails when it reverts. */
    TransactionReceipt send(int from, String to, String data) {
        return transact(devnet.txManager(devnet.account(from)), to, data, BigInteger.ZERO);
    }

    /** Sends as {@code address} without its key (the timelock or another contract acting in the history). */
    TransactionReceipt sendAs(String address, String to, String data) {
        return transact(devnet.impersonate(address), to, data, BigInteger.ZERO);
    }

    private TransactionReceipt transact(TransactionManager tm, String to, String data, BigInteger value) {
        try {
            EthSendTransaction sent = to == null
                    ? tm.sendTransaction(BigInteger.valueOf(3_000_000_000L), GAS_LIMIT, null, data, value, true)
                    : tm.sendTransaction(BigInteger.valueOf(3_000_000_000L), GAS_LIMIT, to, data, value);
            if (sent.hasError()) {
                throw new IllegalStateException(
                        "transaction to " + to + " rejected: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = devnet.receipts().waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("transaction to " + to + " reverted: " + receipt.getRevertReason());
            }
            return receipt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points dev account {@code account}'s code at {@code implementation} (EIP-7702), sponsored by account 0. */
    void setCode(int account, String implementation) {
        String hash =
                SetCode.delegate(devnet.web3j(), CHAIN_ID, devnet.account(account), implementation, devnet.account(0));
        try {
            TransactionReceipt receipt = devnet.receipts().waitForTransactionReceipt(hash);
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("set-code transaction reverted");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A view call; the raw output. */
    String call(String to, String data) {
        try {
            return devnet.web3j()
                    .ethCall(Transaction.createEthCallTransaction(null, to, data), DefaultBlockParameterName.LATEST)
                    .send()
                    .getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BigInteger uintCall(String to, String data) {
        return Numeric.toBigInt(call(to, data));
    }

    String codeHash(String address) {
        try {
            return Bytecode.codeHash(devnet.web3j()
                    .ethGetCode(address, DefaultBlockParameterName.LATEST)
                    .send()
                    .getCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address a CREATE from {@code account} gets {@code later} transactions after its next one. */
    String nextContractAddress(int account, int later) {
        try {
            BigInteger nonce = devnet.web3j()
                    .ethGetTransactionCount(address(account), DefaultBlockParameterName.LATEST)
                    .send()
                    .getTransactionCount()
                    .add(BigInteger.valueOf(later));
            return org.web3j.crypto.ContractUtils.generateContractAddress(address(account), nonce)
                    .toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The library's check settings: the given allowlists and C2's devnet freshness window. */
    static CheckSettings settings(Set<String> daoControlled, Set<String> codeHashes) {
        ObjectNode checks = JsonNodeFactory.instance.objectNode();
        checks.putObject("C2").put("freshBlocks", FRESH_BLOCKS);
        return CheckSettings.of(daoControlled, codeHashes, checks);
    }

    // ---- OpenZeppelin Governor flow on the DAO (or another governor) ----

    /** Proposes from dev account {@code proposer}; returns the proposal id. */
    BigInteger propose(int proposer, String governor, List<Call> calls, String description) {
        send(proposer, governor, proposeData(calls, description));
        return proposalId(calls, description);
    }

    static String proposeData(List<Call> calls, String description) {
        return FunctionEncoder.encode(new Function(
                "propose",
                List.of(
                        new DynamicArray<>(
                                Address.class,
                                calls.stream().map(c -> new Address(c.target())).toList()),
                        new DynamicArray<>(
                                Uint256.class,
                                calls.stream().map(c -> new Uint256(c.value())).toList()),
                        new DynamicArray<>(
                                DynamicBytes.class,
                                calls.stream()
                                        .map(c -> new DynamicBytes(Numeric.hexStringToByteArray(c.data())))
                                        .toList()),
                        new Utf8String(description)),
                List.of()));
    }

    /** OpenZeppelin's hashProposal: keccak256(abi.encode(targets, values, calldatas, keccak256(description))). */
    static BigInteger proposalId(List<Call> calls, String description) {
        List<Type> params = List.of(
                new DynamicArray<>(
                        Address.class,
                        calls.stream().map(c -> new Address(c.target())).toList()),
                new DynamicArray<>(
                        Uint256.class,
                        calls.stream().map(c -> new Uint256(c.value())).toList()),
                new DynamicArray<>(
                        DynamicBytes.class,
                        calls.stream()
                                .map(c -> new DynamicBytes(Numeric.hexStringToByteArray(c.data())))
                                .toList()),
                new Bytes32(Hash.sha3(description.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        String abi = FunctionEncoder.encodeConstructor(params);
        return Numeric.toBigInt(Hash.sha3(Numeric.hexStringToByteArray(abi)));
    }

    void vote(int voter, String governor, BigInteger id, int support) {
        send(voter, governor, fn("castVote", uint(id), new Uint8(support)));
    }

    /** Mines past the DAO's one-block voting delay, so votes can be cast. */
    void startVoting() {
        devnet.mine(2);
    }

    /** Mines past the DAO's 30-block voting period. */
    void endVoting() {
        devnet.mine(31);
    }

    // ---- ABI helpers ----

    record Call(String target, BigInteger value, String data) {
        Call(String target, String data) {
            this(target, BigInteger.ZERO, data);
        }
    }

    static String fn(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.<TypeReference<?>>of()));
    }

    static Address addr(String a) {
        return new Address(a);
    }

    static Uint256 uint(BigInteger n) {
        return new Uint256(n);
    }

    static Bytes32 role(String name) {
        return new Bytes32(Hash.sha3(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static DynamicArray<Address> addresses(String... as) {
        List<Address> list = new ArrayList<>();
        for (String a : as) {
            list.add(new Address(a));
        }
        return new DynamicArray<>(Address.class, list);
    }

    static DynamicBytes bytes(String hex) {
        return new DynamicBytes(Numeric.hexStringToByteArray(hex));
    }
}
