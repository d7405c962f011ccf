package io.chaoschain.core.proposal;

import java.math.BigInteger;

/**
 * A single protocol parameter moved from one value to another, as stated in a proposal's description.
 *
 * @param contract the contract holding the parameter
 * @param parameter the parameter's name, e.g. {@code jumpMultiplierPerYear}
 * @param oldValue the value before (raw integer, WAD-scaled where the contract uses WAD)
 * @param newValue the value the proposal sets
 */
public record ParameterChange(String contract, String parameter, BigInteger oldValue, BigInteger newValue) {}
