package io.chaoschain.chains.deploy;

/**
 * Where {@link DaoDeployer} put the local DAO: every address is 0x-prefixed lower-case hex.
 *
 * @param asset the market's asset token (Demo USD, dUSD)
 * @param collateral the market's collateral token (Demo ETH, dETH)
 * @param govToken the DAO's voting token (CHAOS)
 * @param timelock the DAO's executor, owner of the market and of the governance endpoint
 * @param governor the DAO's Governor
 * @param market the governed lending market
 * @param registry the ERC-8004 agent identity registry
 * @param endpoint the governance endpoint agents propose through
 * @param reputationRegistry the ERC-8004 reputation registry bound to {@code registry}
 * @param validationRegistry the ERC-8004 validation registry bound to {@code registry}
 * @param deployBlock the block of the first deployment transaction (where event scans may start)
 */
public record DaoDeployment(
        long chainId,
        String asset,
        String collateral,
        String govToken,
        String timelock,
        String governor,
        String market,
        String registry,
        String endpoint,
        String reputationRegistry,
        String validationRegistry,
        long deployBlock) {}
