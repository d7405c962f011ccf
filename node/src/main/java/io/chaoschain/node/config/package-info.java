/**
 * A node's configuration: {@link io.chaoschain.node.config.ConfigLoader} reads and validates {@code node.yaml} into
 * the immutable {@link io.chaoschain.node.config.NodeConfig}; every error names the file and the key path.
 */
package io.chaoschain.node.config;
