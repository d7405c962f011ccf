package io.chaoschain.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.contracts.DaoGovernor;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.core.Hex;
import io.chaoschain.core.testing.Waiter;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * The "source chain" for engine tests: a devnet with the local DAO, one OpenZeppelin Governor proposal (raise the
 * market's reserve factor to 20 %), a BravoStyleGovernor wired to the same timelock with one queued proposal (reserve
 * factor 30 %, signature kept apart from calldata), and helpers to deploy raw bytecode and send transactions.
 */
final class DaoFixture implements AutoCloseable {
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger OZ_RESERVE_FACTOR = WAD.divide(BigInteger.valueOf(5));
    static final BigInteger BRAVO_RESERVE_FACTOR =
            WAD.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
    static final String OZ_DESCRIPTION = "Raise the reserve factor to 20%\n\nMore reserves for bad debt.";

    /** Runtime {@code CALLER SELFDESTRUCT} behind init code that returns it. */
    static final String SELFDESTRUCTOR_INIT = "0x600280600b6000396000f3" + "33ff";
    /** Runtime: DELEGATECALL to the address in the first calldata word, then STOP. */
    static final String DELEGATOR_INIT = "0x600e80600b6000396000f3" + "60006000600060006000355af400";

    final Devnet devnet;
    final DaoDeployment dao;
    final EvmChainClient rpc;
    final String deployer;
    final BigInteger ozProposalId;
    final String bravoGovernor;
    final BigInteger bravoProposalId = BigInteger.ONE;
    final long bravoEta;

    DaoFixture(Devnet devnet, DaoDeployment dao) throws Exception {
        this.devnet = devnet;
        this.dao = dao;
        rpc = EvmChainClient.builder("devnet", devnet.rpcUrl()).connect();
        deployer = devnet.account(0).getAddress().toLowerCase();

        DaoGovernor governor =
                DaoGovernor.load(dao.governor(), devnet.web3j(), devnet.txManager(devnet.account(1)), devnet.gas());
        List<String> targets = List.of(dao.market());
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calldatas = List.of(Hex.decode(setReserveFactor(OZ_RESERVE_FACTOR)));
        devnet.mine(1);
        governor.propose(targets, values, calldatas, OZ_DESCRIPTION).send();
        ozProposalId = governor.hashProposal(
                        targets,
                        values,
                        calldatas,
                        Hash.sha3(OZ_DESCRIPTION.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .send();

        bravoGovernor = deploy(testContract("BravoStyleGovernor") + "000000000000000000000000"
                + dao.timelock().substring(2));
        String args = FunctionEncoder.encodeConstructor(List.<Type>of(
                new DynamicArray<>(Address.class, new Address(dao.market())),
                new DynamicArray<>(Uint256.class, new Uint256(0)),
                new DynamicArray<>(Utf8String.class, new Utf8String("setReserveFactor(uint256)")),
                new DynamicArray<>(DynamicBytes.class, new DynamicBytes(Hex.decode(word(BRAVO_RESERVE_FACTOR)))),
                new Utf8String("Bravo: reserve factor 30%")));
        send(
                deployer,
                bravoGovernor,
                Hex.functionSelector("propose(address[],uint256[],string[],bytes[],string)") + args);
        bravoEta = devnet.latestTimestamp() + 2 * 86_400;
        send(
                deployer,
                bravoGovernor,
                Hex.functionSelector("queue(uint256,uint256)")
                        + word(bravoProposalId).substring(2)
                        + word(BigInteger.valueOf(bravoEta)).substring(2));
    }

    String rpcUrl() {
        return devnet.rpcUrl();
    }

    static String setReserveFactor(BigInteger rf) {
        return Hex.functionSelector("setReserveFactor(uint256)") + word(rf).substring(2);
    }

    static String call(String signature, String... words) {
        StringBuilder sb = new StringBuilder(Hex.functionSelector(signature));
        for (String w : words) {
            sb.append(w.startsWith("0x") ? w.substring(2) : w);
        }
        return sb.toString();
    }

    /** A 32-byte word (0x + 64 hex). */
    static String word(BigInteger n) {
        return "0x" + String.format("%064x", n);
    }

    static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2).toLowerCase();
    }

    /** Deploys creation code from the deployer and returns the new contract's address. */
    String deploy(String initCode) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", deployer);
        tx.put("data", initCode);
        tx.put("gas", "0x1c9c380");
        JsonNode receipt = receipt(rpc.send("eth_sendTransaction", tx).asText());
        return receipt.path("contractAddress").asText().toLowerCase();
    }

    /** Sends a transaction from an unlocked dev account and waits for it to be mined; fails when it reverts. */
    JsonNode send(String from, String to, String data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from);
        tx.put("to", to);
        tx.put("data", data);
        tx.put("gas", "0x1c9c380");
        JsonNode receipt = receipt(rpc.send("eth_sendTransaction", tx).asText());
        if (!receipt.path("status").asText().equals("0x1")) {
            throw new IllegalStateException("transaction to " + to + " reverted");
        }
        return receipt;
    }

    private JsonNode receipt(String hash) {
        return Waiter.waitForValue(
                "transaction " + hash + " to be mined",
                Duration.ofSeconds(30),
                () -> Optional.ofNullable(rpc.send("eth_getTransactionReceipt", hash))
                        .filter(r -> !r.isNull()));
    }

    /** Creation code of a contract from contracts/test, from the chains test-jar. */
    static String testContract(String name) throws Exception {
        try (InputStream in = DaoFixture.class
                .getClassLoader()
                .getResourceAsStream("io/chaoschain/chains/testcontracts/combined.json")) {
            JsonNode bin = new ObjectMapper().readTree(in).path(name).path("bin");
            if (bin.isMissingNode()) {
                throw new IllegalStateException(name + " is not among the compiled test contracts");
            }
            String hex = bin.asText();
            return hex.startsWith("0x") ? hex : "0x" + hex;
        }
    }

    /** Closes the fixture's RPC client; the devnet belongs to the test extension. */
    @Override
    public void close() {
        rpc.close();
    }
}
