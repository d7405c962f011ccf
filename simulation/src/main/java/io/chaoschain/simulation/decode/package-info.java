/**
 * Decoding calldata and event logs: {@link io.chaoschain.simulation.decode.AbiRegistry} holds definitions by selector
 * (the project's contracts, standard fragments, the generated index of published protocol ABIs, user ABIs);
 * {@link io.chaoschain.simulation.decode.AbiResolver} decodes each action through the layers (bundled, user, Bravo
 * signature, Sourcify / explorer look-up, bytecode inference) and names the layer that decoded it.
 */
package io.chaoschain.simulation.decode;
