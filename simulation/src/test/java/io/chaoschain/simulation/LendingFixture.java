package io.chaoschain.simulation;

import io.chaoschain.chains.contracts.DemoToken;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.simulation.MetricProbe;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A devnet with two DemoTokens and a LendingMarket owned by dev account 0 (the "executor"), plus a window of
 * rate-sensitive traffic: two supplies and six borrowers who each deposit collateral and borrow with a 30 % APR
 * ceiling, both in one block, an hour apart. Replayed on top of itself the window drives utilization from 52.5 % to about 90 %, past the 80 % kink,
 * so a steeper jump multiplier makes the late borrows revert with BorrowRateAboveLimit.
 */
final class LendingFixture {
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger BASE = pct(2);
    static final BigInteger MULTIPLIER = pct(10);
    static final BigInteger JUMP = pct(100);
    static final BigInteger KINK = pct(80);
    static final BigInteger MAX_BORROW_RATE = pct(30);

    final Devnet devnet;
    final Web3j web3j;
    final List<String> accounts;
    final String owner;
    final String nonOwner;
    final DemoToken asset;
    final DemoToken collateral;
    final LendingMarket market;
    final long windowFrom;
    final long windowTo;
    final int windowMarketTxs;

    LendingFixture(Devnet devnet) throws Exception {
        this.devnet = devnet;
        web3j = devnet.web3j();
        accounts = web3j.ethAccounts().send().getAccounts();
        owner = accounts.get(0);
        nonOwner = accounts.get(1);
        asset = DemoToken.deploy(web3j, tm(0), gas(), "Demo USD", "dUSD", BigInteger.valueOf(18), owner)
                .send();
        collateral = DemoToken.deploy(web3j, tm(0), gas(), "Demo ETH", "dETH", BigInteger.valueOf(18), owner)
                .send();
        market = LendingMarket.deploy(
                        web3j,
                        tm(0),
                        gas(),
                        asset.getContractAddress(),
                        collateral.getContractAddress(),
                        owner,
                        BASE,
                        MULTIPLIER,
                        JUMP,
                        KINK,
                        pct(10),
                        pct(75),
                        WAD)
                .send();

        // setup, outside the replay window: balances for two windows of traffic, unlimited approvals, seed liquidity
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        for (int i = 1; i <= 3; i++) {
            asset.mint(accounts.get(i), units(2_000)).send();
            asset(i).approve(market.getContractAddress(), max).send();
        }
        for (int i = 4; i <= 9; i++) {
            collateral.mint(accounts.get(i), units(1_000)).send();
            collateral(i).approve(market.getContractAddress(), max).send();
        }
        market(1).supply(units(1_000)).send();

        // the window: an hour between transactions, so interest accrues as on a live market
        windowFrom = blockNumber() + 1;
        int txs = 0;
        for (int round = 0; round < 2; round++) {
            advance(3_600);
            market(2 + round).supply(units(100)).send();
            txs++;
            for (int b = 0; b < 3; b++) {
                // deposit and borrow land in one block, as a wallet batching both would do
                advance(3_600);
                depositAndBorrowInOneBlock(4 + round * 3 + b);
                txs += 2;
            }
        }
        windowTo = blockNumber();
        windowMarketTxs = txs;
    }

    String rpcUrl() {
        return devnet.rpcUrl();
    }

    String marketAddress() {
        return market.getContractAddress().toLowerCase();
    }

    ProposalAction setRateModel(BigInteger base, BigInteger multiplier, BigInteger jump, BigInteger kink) {
        String calldata = FunctionEncoder.encode(new Function(
                "setRateModel",
                List.of(new Uint256(base), new Uint256(multiplier), new Uint256(jump), new Uint256(kink)),
                List.of()));
        return new ProposalAction(
                marketAddress(), BigInteger.ZERO, calldata, "setRateModel(uint256,uint256,uint256,uint256)");
    }

    List<MetricProbe> probes() {
        return List.of(probe("utilization"), probe("borrowRatePerYear"), probe("totalBorrows"));
    }

    private MetricProbe probe(String view) {
        return new MetricProbe(
                view, marketAddress(), FunctionEncoder.encode(new Function(view, List.of(), List.of())), 18);
    }

    long blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private void advance(long seconds) throws IOException {
        rpc("evm_increaseTime", seconds);
    }

    private void depositAndBorrowInOneBlock(int borrower) throws IOException {
        rpc("evm_setAutomine", false);
        try {
            TransactionManager tm = tm(borrower);
            BigInteger price = BigInteger.valueOf(10_000_000_000L);
            BigInteger limit = BigInteger.valueOf(400_000);
            List<String> hashes = List.of(
                    tm.sendTransaction(
                                    price,
                                    limit,
                                    market.getContractAddress(),
                                    FunctionEncoder.encode(new Function(
                                            "depositCollateral", List.of(new Uint256(units(500))), List.of())),
                                    BigInteger.ZERO)
                            .getTransactionHash(),
                    tm.sendTransaction(
                                    price,
                                    limit,
                                    market.getContractAddress(),
                                    FunctionEncoder.encode(new Function(
                                            "borrow",
                                            List.of(new Uint256(units(105)), new Uint256(MAX_BORROW_RATE)),
                                            List.of())),
                                    BigInteger.ZERO)
                            .getTransactionHash());
            rpc("evm_mine");
            for (String hash : hashes) {
                TransactionReceipt receipt = web3j.ethGetTransactionReceipt(hash)
                        .send()
                        .getTransactionReceipt()
                        .orElseThrow();
                if (!receipt.isStatusOK()) {
                    throw new IllegalStateException("fixture transaction reverted: " + hash);
                }
            }
        } finally {
            rpc("evm_setAutomine", true);
        }
    }

    private void rpc(String method, Object... params) {
        devnet.rpc(method, List.of(params));
    }

    private TransactionManager tm(int account) {
        return new ClientTransactionManager(
                web3j, accounts.get(account), new PollingTransactionReceiptProcessor(web3j, 50, 100));
    }

    private static StaticGasProvider gas() {
        return new StaticGasProvider(BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(6_000_000));
    }

    private DemoToken asset(int account) {
        return DemoToken.load(asset.getContractAddress(), web3j, tm(account), gas());
    }

    private DemoToken collateral(int account) {
        return DemoToken.load(collateral.getContractAddress(), web3j, tm(account), gas());
    }

    LendingMarket market(int account) {
        return LendingMarket.load(
                market.getContractAddress(),
                web3j,
                tm(account),
                new StaticGasProvider(BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(400_000)));
    }

    static BigInteger pct(long percent) {
        return WAD.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
    }

    static BigInteger units(long n) {
        return WAD.multiply(BigInteger.valueOf(n));
    }
}
