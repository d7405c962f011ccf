package io.chaoschain.node.lifecycle;

import io.chaoschain.chains.LogEntry;
import io.chaoschain.chains.events.LogListener;
import io.chaoschain.storage.Stores;
import io.chaoschain.storage.VoteRecord;
import io.chaoschain.storage.VoteSupport;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Records the Governor's {@code VoteCast} events for proposals this node tracks. It is fed by a reorg-safe
 * {@link io.chaoschain.chains.events.ConfirmedEventMonitor}, so a vote is recorded only once it is confirmed; delivery
 * is at least once and the vote store keeps one vote per voter and proposal, so a re-delivered log changes nothing.
 */
public final class VoteRecorder implements LogListener {
    static final Event VOTE_CAST = new Event(
            "VoteCast",
            List.of(
                    new TypeReference<Address>(true) {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint8>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Utf8String>() {}));
    public static final String VOTE_CAST_TOPIC = EventEncoder.encode(VOTE_CAST);

    private final String chain;
    private final String governor;
    private final Stores stores;
    private final ProgressListener listener;

    public VoteRecorder(String chain, String governor, Stores stores, ProgressListener listener) {
        this.chain = chain;
        this.governor = governor;
        this.stores = stores;
        this.listener = listener;
    }

    @Override
    public void onLog(LogEntry log) {
        if (!VOTE_CAST_TOPIC.equals(log.topic0()) || log.removed()) {
            return;
        }
        @SuppressWarnings("rawtypes")
        List<Type> data = FunctionReturnDecoder.decode(log.data(), VOTE_CAST.getNonIndexedParameters());
        BigInteger proposalId = (BigInteger) data.get(0).getValue();
        VoteSupport support = VoteSupport.fromGovernor(((BigInteger) data.get(1).getValue()).intValue());
        BigInteger weight = (BigInteger) data.get(2).getValue();
        String voter = "0x" + log.topics().get(1).substring(26);
        stores.proposals().findByOnchainId(chain, governor, proposalId).ifPresent(p -> {
            if (stores.votes()
                    .record(new VoteRecord(p.id(), voter, support, weight, log.transactionHash(), log.blockNumber()))) {
                listener.progress(
                        "votes",
                        "proposal #" + p.id() + ": " + voter + " voted " + support
                                + " with "
                                + new BigDecimal(weight)
                                        .movePointLeft(18)
                                        .stripTrailingZeros()
                                        .toPlainString() + " votes"
                                + " (confirmed in block " + log.blockNumber() + ")");
            }
        });
    }

    @Override
    public void onReorg(long forkBlock, long orphanedThrough) {
        int forgotten = stores.votes().forgetFrom(chain, governor, forkBlock);
        listener.progress(
                "monitor",
                "chain '" + chain + "' reorganized deeper than the confirmation depth: blocks " + forkBlock + "–"
                        + orphanedThrough + " replaced; forgot " + forgotten + " votes from them and re-reading");
    }
}
