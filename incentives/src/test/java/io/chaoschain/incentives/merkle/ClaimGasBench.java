package io.chaoschain.incentives.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.RewardDistributor;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.core.Json;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Benchmark, not a test (run by bench/incentives/claim-gas.sh): gas of one claim from RewardDistributor against
 * Uniswap's MerkleDistributor (its published bytecode) over the same recipients and amounts, each distributor paying
 * its own token so every claim is a recipient's first. At the first size every Java-built proof is claimed with
 * eth_call on the devnet, which must pay the entry's amount.
 */
public final class ClaimGasBench {
    private static final int SAMPLE = 40;

    private ClaimGasBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("chaoschain.root", "."));
        JsonNode artifact = Json.mapper()
                .readTree(Files.readString(
                        root.resolve("node_modules/@uniswap/merkle-distributor/build/MerkleDistributor.json")));
        String uniswapBytecode = artifact.get("bytecode").asText();
        try (Devnet devnet = Devnet.start()) {
            Credentials deployer = devnet.account(0);
            Credentials relayer = devnet.account(1);
            boolean first = true;
            for (String arg : args) {
                run(devnet, deployer, relayer, Integer.parseInt(arg), uniswapBytecode, first);
                first = false;
            }
        }
    }

    private static void run(
            Devnet devnet, Credentials deployer, Credentials relayer, int n, String uniswapBytecode, boolean checkAll)
            throws Exception {
        Random random = new Random(n);
        HexFormat hex = HexFormat.of();
        String ourToken = token(devnet, deployer, "A");
        String theirToken = token(devnet, deployer, "B");
        List<RewardEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[20];
            random.nextBytes(a);
            entries.add(
                    new RewardEntry("0x" + hex.formatHex(a), ourToken, new BigInteger(80, random).add(BigInteger.ONE)));
        }
        long started = System.nanoTime();
        RewardTree ours = RewardTree.of(entries);
        long treeMs = (System.nanoTime() - started) / 1_000_000;
        StandardMerkleTree theirs = uniswapTree(entries);

        RewardDistributor distributor = RewardDistributor.deploy(
                        devnet.web3j(),
                        devnet.txManager(deployer),
                        devnet.gas(),
                        deployer.getAddress(),
                        deployer.getAddress(),
                        BigInteger.ZERO)
                .send();
        distributor
                .proposeRoot(BigInteger.ONE, ours.rootBytes(), org.web3j.crypto.Hash.sha3(new byte[] {1}))
                .send();
        devnet.mine(1);
        distributor.acceptRoot(BigInteger.ONE).send();
        String uniswap = deploy(
                devnet,
                deployer,
                uniswapBytecode
                        + FunctionEncoder.encodeConstructor(
                                List.of(new Address(theirToken), new Bytes32(theirs.root()))));
        BigInteger total = entries.stream().map(RewardEntry::amount).reduce(BigInteger.ZERO, BigInteger::add);
        DemoToken.load(ourToken, devnet.web3j(), devnet.txManager(deployer), devnet.gas())
                .mint(distributor.getContractAddress(), total)
                .send();
        DemoToken.load(theirToken, devnet.web3j(), devnet.txManager(deployer), devnet.gas())
                .mint(uniswap, total)
                .send();

        if (checkAll) {
            long checkStarted = System.nanoTime();
            for (int i = 0; i < n; i++) {
                RewardEntry e = entries.get(i);
                String call = distributor
                        .claim(e.account(), e.token(), e.amount(), ours.proof(i))
                        .encodeFunctionCall();
                EthCall result = devnet.web3j()
                        .ethCall(
                                Transaction.createEthCallTransaction(
                                        relayer.getAddress(), distributor.getContractAddress(), call),
                                DefaultBlockParameterName.LATEST)
                        .send();
                if (result.hasError() || !new BigInteger(result.getValue().substring(2), 16).equals(e.amount())) {
                    throw new IllegalStateException("entry " + i + " did not verify on chain: "
                            + (result.hasError() ? result.getError().getMessage() : result.getValue()));
                }
            }
            System.out.printf(
                    "%,d recipients: every Java-built proof claimed its amount on chain (eth_call), %.1f s%n",
                    n, (System.nanoTime() - checkStarted) / 1e9);
        }

        RewardDistributor asRelayer = RewardDistributor.load(
                distributor.getContractAddress(), devnet.web3j(), devnet.txManager(relayer), devnet.gas());
        TransactionManager relayerTx = devnet.txManager(relayer);
        long[] ourGas = new long[SAMPLE];
        long[] theirGas = new long[SAMPLE];
        int proofLength = 0;
        for (int s = 0; s < SAMPLE; s++) {
            int i = (int) ((long) s * n / SAMPLE) + random.nextInt(Math.max(1, n / SAMPLE));
            RewardEntry e = entries.get(i);
            ourGas[s] = asRelayer
                    .claim(e.account(), e.token(), e.amount(), ours.proof(i))
                    .send()
                    .getGasUsed()
                    .longValueExact();
            List<Bytes32> proof = theirs.proof(i).stream().map(Bytes32::new).toList();
            String call = FunctionEncoder.encode(new Function(
                    "claim",
                    List.of(
                            new Uint256(i),
                            new Address(e.account()),
                            new Uint256(e.amount()),
                            new DynamicArray<>(Bytes32.class, proof)),
                    List.<TypeReference<?>>of()));
            String hash = relayerTx
                    .sendTransaction(
                            devnet.gas().getGasPrice(), devnet.gas().getGasLimit(), uniswap, call, BigInteger.ZERO)
                    .getTransactionHash();
            TransactionReceipt receipt = devnet.receipts().waitForTransactionReceipt(hash);
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("Uniswap claim " + i + " reverted");
            }
            theirGas[s] = receipt.getGasUsed().longValueExact();
            proofLength = Math.max(proofLength, ours.proof(i).size());
        }
        double ourMedian = median(ourGas);
        double theirMedian = median(theirGas);
        System.out.printf(
                "%,d recipients (tree %d ms, proofs up to %d hashes, %d first claims each):%n",
                n, treeMs, proofLength, SAMPLE);
        System.out.printf(
                "  RewardDistributor.claim  median %.0f gas, min %d, max %d%n",
                ourMedian,
                Arrays.stream(ourGas).min().getAsLong(),
                Arrays.stream(ourGas).max().getAsLong());
        System.out.printf(
                "  MerkleDistributor.claim  median %.0f gas, min %d, max %d%n",
                theirMedian,
                Arrays.stream(theirGas).min().getAsLong(),
                Arrays.stream(theirGas).max().getAsLong());
        System.out.printf("  ratio                    %.3fx (target <= 1.0x)%n", ourMedian / theirMedian);
    }

    /** Uniswap's leaves, keccak256(abi.encodePacked(index, account, amount)), in a sorted-pair tree of the same size. */
    private static StandardMerkleTree uniswapTree(List<RewardEntry> entries) {
        Keccak keccak = new Keccak();
        byte[] leaves = new byte[32 * entries.size()];
        byte[] packed = new byte[84];
        List<List<Object>> values = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RewardEntry e = entries.get(i);
            Arrays.fill(packed, (byte) 0);
            LeafEncoding.writeUnsigned(BigInteger.valueOf(i), packed, 0);
            LeafEncoding.writeAddress(e.account(), packed, 32);
            LeafEncoding.writeUnsigned(e.amount(), packed, 52);
            keccak.hash(packed, 0, 84, leaves, 32 * i);
            values.add(List.of(Integer.toString(i), e.account(), e.amount().toString()));
        }
        return StandardMerkleTree.fromLeafHashes(
                values, LeafEncoding.of("uint256", "address", "uint256"), leaves, true, keccak);
    }

    private static String token(Devnet devnet, Credentials deployer, String name) throws Exception {
        return DemoToken.deploy(
                        devnet.web3j(),
                        devnet.txManager(deployer),
                        devnet.gas(),
                        "Bench " + name,
                        name,
                        BigInteger.valueOf(18),
                        deployer.getAddress())
                .send()
                .getContractAddress();
    }

    private static String deploy(Devnet devnet, Credentials deployer, String bytecode) throws Exception {
        String hash = devnet.txManager(deployer)
                .sendTransaction(
                        devnet.gas().getGasPrice(),
                        devnet.gas().getGasLimit(),
                        null,
                        bytecode.startsWith("0x") ? bytecode : "0x" + bytecode,
                        BigInteger.ZERO,
                        true)
                .getTransactionHash();
        return devnet.receipts().waitForTransactionReceipt(hash).getContractAddress();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
