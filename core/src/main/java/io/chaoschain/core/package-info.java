/**
 * What every ChaosChain module shares: the {@link io.chaoschain.core.Service} lifecycle, the injected
 * {@link io.chaoschain.core.TimeProvider}, the one {@link io.chaoschain.core.Json} configuration, field validation
 * ({@link io.chaoschain.core.Fields}, {@link io.chaoschain.core.Hex}) and {@link
 * io.chaoschain.core.UserFacingException} for errors the CLI prints as one line. Depends on nothing else of ours.
 */
package io.chaoschain.core;
