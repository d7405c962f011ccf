package io.chaoschain.node.config;

/** The smallest valid node.yaml (one chain, one agent) that configuration and CLI tests extend or break. */
public final class MinimalConfig {
    public static final String YAML = """
      dataDir: data
      chains:
        devnet:
          chainId: 31337
          rpc: http://127.0.0.1:1
          governor: "0x00000000000000000000000000000000000000a1"
          timelock: "0x00000000000000000000000000000000000000a2"
          endpoint: "0x00000000000000000000000000000000000000a3"
          registry: "0x00000000000000000000000000000000000000a4"
      agents:
        - name: a
          chain: devnet
          agentId: 1
          market: "0x00000000000000000000000000000000000000a5"
          keystore: keys/op.json
      """;

    private MinimalConfig() {}
}
