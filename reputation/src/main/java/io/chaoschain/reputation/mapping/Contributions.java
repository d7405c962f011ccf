package io.chaoschain.reputation.mapping;

import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.scoring.ContributionEvent;
import io.chaoschain.reputation.scoring.Domain;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place where an attested contribution ({@link ContributionRecord}, kinds as attestation codes such as
 * {@code metric.outcome}) becomes a scoring event ({@link ContributionEvent}, kinds as
 * {@link io.chaoschain.reputation.scoring.ContributionKind}). Everything that feeds the engine from attestations (the
 * node's live recorder, a rebuild from attestation files) goes through here, so both see the same events.
 *
 * <table>
 *   <caption>attestation kind to scoring kind</caption>
 *   <tr><th>attestation code</th><th>scoring kind</th></tr>
 *   <tr><td>proposal.drafted</td><td>DRAFTED</td></tr>
 *   <tr><td>proposal.simulated</td><td>SIMULATED</td></tr>
 *   <tr><td>proposal.submitted</td><td>SUBMITTED</td></tr>
 *   <tr><td>proposal.accepted</td><td>ACCEPTED</td></tr>
 *   <tr><td>proposal.defeated</td><td>DEFEATED</td></tr>
 *   <tr><td>proposal.executed</td><td>EXECUTED</td></tr>
 *   <tr><td>metric.outcome, value &gt; 0</td><td>OUTCOME_IMPROVED</td></tr>
 *   <tr><td>metric.outcome, value &lt; 0</td><td>OUTCOME_WORSENED</td></tr>
 *   <tr><td>metric.outcome, value = 0</td><td>none (no measurable effect)</td></tr>
 *   <tr><td>insight.shared / insight.adopted</td><td>INSIGHT_SHARED / INSIGHT_ADOPTED</td></tr>
 *   <tr><td>validation.given, score &gt;= 50</td><td>VALIDATION_CONFIRMED</td></tr>
 *   <tr><td>validation.given, score &lt; 50</td><td>VALIDATION_CONTRADICTED</td></tr>
 *   <tr><td>validation.confirmed / validation.contradicted</td><td>VALIDATION_CONFIRMED / VALIDATION_CONTRADICTED</td></tr>
 * </table>
 *
 * <p>A {@code metric.outcome} value is the signed improvement of the target metric (positive: better). A
 * {@code validation.given} record is about the agent whose work was validated and carries the validator's 0-100
 * score (with its decimals).
 */
public final class Contributions {
  /** The score at and above which a validation counts as confirming the agent's work. */
  public static final int VALIDATION_PASS_SCORE = 50;

  private static final String EIP155 = "eip155:";

  private Contributions() {}

  /** The scoring kind of {@code record}, or empty when it carries no score (a metric outcome without effect). */
  public static Optional<io.chaoschain.reputation.scoring.ContributionKind> scoringKind(ContributionRecord record) {
    return Optional.ofNullable(switch (record.kind()) {
      case PROPOSAL_DRAFTED -> io.chaoschain.reputation.scoring.ContributionKind.DRAFTED;
      case PROPOSAL_SIMULATED -> io.chaoschain.reputation.scoring.ContributionKind.SIMULATED;
      case PROPOSAL_SUBMITTED -> io.chaoschain.reputation.scoring.ContributionKind.SUBMITTED;
      case PROPOSAL_ACCEPTED -> io.chaoschain.reputation.scoring.ContributionKind.ACCEPTED;
      case PROPOSAL_DEFEATED -> io.chaoschain.reputation.scoring.ContributionKind.DEFEATED;
      case PROPOSAL_EXECUTED -> io.chaoschain.reputation.scoring.ContributionKind.EXECUTED;
      case METRIC_OUTCOME -> switch (record.value().signum()) {
        case 1 -> io.chaoschain.reputation.scoring.ContributionKind.OUTCOME_IMPROVED;
        case -1 -> io.chaoschain.reputation.scoring.ContributionKind.OUTCOME_WORSENED;
        default -> null;
      };
      case INSIGHT_SHARED -> io.chaoschain.reputation.scoring.ContributionKind.INSIGHT_SHARED;
      case INSIGHT_ADOPTED -> io.chaoschain.reputation.scoring.ContributionKind.INSIGHT_ADOPTED;
      case VALIDATION_GIVEN -> passes(record)
          ? io.chaoschain.reputation.scoring.ContributionKind.VALIDATION_CONFIRMED
          : io.chaoschain.reputation.scoring.ContributionKind.VALIDATION_CONTRADICTED;
      case VALIDATION_CONFIRMED -> io.chaoschain.reputation.scoring.ContributionKind.VALIDATION_CONFIRMED;
      case VALIDATION_CONTRADICTED -> io.chaoschain.reputation.scoring.ContributionKind.VALIDATION_CONTRADICTED;
    });
  }

  /**
   * The scoring event of {@code record}, attested at {@code at} (the attestation's time), in governance area
   * {@code area} of the record's chain; empty when the record carries no score.
   */
  public static Optional<ContributionEvent> event(ContributionRecord record, String area, Instant at) {
    return scoringKind(record).map(kind -> new ContributionEvent(agentKey(record), domain(record.chain(), area), kind, at));
  }

  /** The domain of {@code area} on {@code chain} (a CAIP-2 id such as {@code eip155:31337}). */
  public static Domain domain(String chain, String area) {
    return Domain.of(chain, area);
  }

  /** The CAIP-2 chain id of an EVM chain: {@code eip155:<chainId>}. */
  public static String chain(long chainId) {
    return EIP155 + chainId;
  }

  /**
   * How agents are named in scores and stores: {@code <chainId>:<ERC-8004 agentId>} (the node's agent key), the chain
   * id taken from a CAIP-2 {@code eip155:<chainId>} chain, or the chain string itself for other namespaces.
   */
  public static String agentKey(ContributionRecord record) {
    return agentKey(record.chain(), record.agentId());
  }

  public static String agentKey(String chain, BigInteger agentId) {
    String reference = chain.startsWith(EIP155) ? chain.substring(EIP155.length()) : chain;
    return reference + ":" + agentId;
  }

  private static boolean passes(ContributionRecord record) {
    BigInteger threshold = BigInteger.valueOf(VALIDATION_PASS_SCORE).multiply(BigInteger.TEN.pow(record.valueDecimals()));
    return record.value().compareTo(threshold) >= 0;
  }

  /** True for {@link ContributionKind#METRIC_OUTCOME} records whose value shows an improvement. */
  public static boolean improved(ContributionRecord record) {
    return record.kind() == ContributionKind.METRIC_OUTCOME && record.value().signum() > 0;
  }
}
