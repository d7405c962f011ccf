/**
 * The {@code chaoschain} command line: {@link io.chaoschain.app.cli.ChaosChainCommand} is the executable jar's thin
 * picocli root, with one class per subcommand ({@code node}, {@code demo}, {@code devnet}, {@code simulate},
 * {@code proposals}, {@code agents}, {@code reputation}).
 */
package io.chaoschain.app.cli;
