/**
 * Deploying the local DAO on a devnet: {@link io.chaoschain.chains.deploy.DaoDeployer} puts up the tokens, timelock,
 * Governor, lending market, ERC-8004 registries and governance endpoint, and reports where in a {@link
 * io.chaoschain.chains.deploy.DaoDeployment}. Used by the demo, {@code chaoschain devnet} and integration tests.
 */
package io.chaoschain.chains.deploy;
