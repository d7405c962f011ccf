package io.chaoschain.agent.insight;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A governance fix one agent applied on its chain, as other agents judge and adapt it: the symptom it answered, the
 * contract interface and parameter it changed (old and new value), the evidence (means before/after, the simulation
 * report hash, the proposal and its execution transaction) and a natural-language summary. Independent of how it
 * travelled (gossip or a similar-solutions answer).
 *
 * @param id content hash of the insight as published (0x-prefixed keccak256), the key acks refer to
 * @param sourceChainId chain the fix was applied on
 * @param sourceAgent the publishing agent's address (the envelope's signer)
 * @param market the contract changed on the source chain
 * @param functionSignature e.g. {@code setRateModel(uint256,uint256,uint256,uint256)}
 * @param selector 4-byte selector of {@code functionSignature}, 0x-prefixed
 * @param parameter the parameter changed, e.g. {@code jumpMultiplierPerYear}
 * @param symptom machine-readable kind of the problem, e.g. {@code utilization-above-kink}
 * @param meanBefore mean of the symptom's metric before the change (e.g. utilization)
 * @param meanAfter mean of that metric after execution
 */
public record SharedInsight(
        String id,
        long sourceChainId,
        String sourceAgent,
        String market,
        String functionSignature,
        String selector,
        String parameter,
        BigInteger oldValue,
        BigInteger newValue,
        String symptom,
        BigDecimal meanBefore,
        BigDecimal meanAfter,
        String simulationReportHash,
        String proposalId,
        String txHash,
        String summary) {

    /** newValue / oldValue, e.g. 2.5 when the parameter was multiplied by 2.5 (null when oldValue is zero). */
    public BigDecimal ratio() {
        if (oldValue == null || newValue == null || oldValue.signum() == 0) {
            return null;
        }
        return new BigDecimal(newValue)
                .divide(new BigDecimal(oldValue), MathContext.DECIMAL64)
                .setScale(6, RoundingMode.HALF_UP);
    }
}
