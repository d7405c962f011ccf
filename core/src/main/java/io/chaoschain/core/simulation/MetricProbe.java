package io.chaoschain.core.simulation;

import io.chaoschain.core.Hex;

/**
 * A view call whose uint256 result is a metric, read before and after a simulated proposal.
 *
 * @param name metric name, e.g. {@code utilization}
 * @param target contract to call
 * @param calldata ABI-encoded call of a view function returning one uint256
 * @param decimals the result is divided by 10^decimals (18 for WAD values)
 */
public record MetricProbe(String name, String target, String calldata, int decimals) {
    public MetricProbe {
        target = Hex.address(target, "probe.target");
        calldata = Hex.data(calldata, "probe.calldata");
    }
}
