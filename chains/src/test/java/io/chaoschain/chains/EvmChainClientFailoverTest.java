package io.chaoschain.chains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvmChainClientFailoverTest {
    private static final long CHAIN_ID = 31337;
    private static final RetryPolicy FAST =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 0, Duration.ofMillis(500));

    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper recordingSleeper = sleeps::add;
    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch releaseHangingServers = new CountDownLatch(1);

    @AfterEach
    void stopServers() {
        releaseHangingServers.countDown();
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void shouldFailOverToTheNextUrlAtOnceWhenTheFirstRefusesConnections() {
        FakeRpc a = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x1");
        FakeRpc b = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x2a");
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", a, "http://b:8545", b))) {
            a.down = true;

            assertThat(client.blockNumber()).isEqualTo(42);
            assertThat(sleeps).isEmpty();
            // the endpoint that answered stays preferred: the next call does not knock on the dead one first
            long refusedBefore = a.count("eth_blockNumber");
            assertThat(client.blockNumber()).isEqualTo(42);
            assertThat(a.count("eth_blockNumber")).isEqualTo(refusedBefore);
        }
    }

    @Test
    void shouldReportTheUrlThatAnsweredForToolsThatNeedTheirOwnConnection() {
        FakeRpc a = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x1");
        FakeRpc b = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x2a");
        try (EvmChainClient client = (EvmChainClient) connect(FAST, Map.of("http://a:8545", a, "http://b:8545", b))) {
            assertThat(client.preferredRpcUrl()).isEqualTo("http://a:8545");
            a.down = true;
            client.blockNumber();
            assertThat(client.preferredRpcUrl()).isEqualTo("http://b:8545");
        }
    }

    @Test
    void shouldBackOffExponentiallyBetweenRoundsAndGiveUpAfterTheLastAttempt() {
        FakeRpc only = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x1");
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", only))) {
            only.down = true;

            assertThatThrownBy(client::blockNumber)
                    .isInstanceOf(ChainUnavailableException.class)
                    .hasMessage("chain 'ethereum': cannot reach any RPC URL (http://a:8545 : connection refused)");
            assertThat(only.count("eth_blockNumber")).isEqualTo(4);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        }
    }

    @Test
    void shouldTryEveryUrlOncePerRoundBeforeBackingOff() {
        FakeRpc a = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x1");
        FakeRpc b = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x1");
        RetryPolicy policy = FAST.withMaxAttempts(5);
        try (ChainClient client = connect(policy, Map.of("http://a:8545", a, "http://b:8545", b))) {
            a.down = true;
            b.down = true;

            assertThatThrownBy(client::blockNumber)
                    .isInstanceOf(ChainUnavailableException.class)
                    .hasMessageContaining("http://a:8545 : connection refused; http://b:8545 : connection refused");
            assertThat(a.count("eth_blockNumber")).isEqualTo(3);
            assertThat(b.count("eth_blockNumber")).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }

    @Test
    void shouldRecoverWhenAnEndpointComesBackDuringBackoff() {
        FakeRpc only = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x7");
        Sleeper healing = d -> {
            sleeps.add(d);
            only.down = false;
        };
        try (ChainClient client = EvmChainClient.builder(ChainEndpoints.of("ethereum", CHAIN_ID, "http://a:8545"))
                .retryPolicy(FAST)
                .sleeper(healing)
                .transports(url -> only)
                .connect()) {
            only.down = true;

            assertThat(client.blockNumber()).isEqualTo(7);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100));
        }
    }

    @Test
    void shouldRandomizeEachPauseWithinTheJitterBand() {
        RetryPolicy policy =
                new RetryPolicy(5, Duration.ofMillis(1000), Duration.ofMillis(8000), 0.5, Duration.ofSeconds(1));

        assertThat(policy.backoff(0, fixed(0.0))).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(0, fixed(0.99))).isEqualTo(Duration.ofMillis(505));
        assertThat(policy.backoff(2, fixed(0.5))).isEqualTo(Duration.ofMillis(3000));
        assertThat(policy.backoff(10, fixed(0.0))).isEqualTo(Duration.ofMillis(8000));
        assertThat(policy.backoff(100, fixed(0.0))).isEqualTo(Duration.ofMillis(8000));
    }

    @Test
    void shouldNotRetryAnErrorTheNodeAnswered() {
        FakeRpc a =
                new FakeRpc(CHAIN_ID).answer("eth_getBalance", new FakeRpc.RpcError(-32000, "header not found", null));
        FakeRpc b = new FakeRpc(CHAIN_ID).answer("eth_getBalance", "0x1");
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", a, "http://b:8545", b))) {
            assertThatThrownBy(() -> client.getBalance("0x" + "11".repeat(20), BlockRef.latest()))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32000);
                        assertThat(e.rpcMessage()).isEqualTo("header not found");
                    });
            assertThat(a.count("eth_getBalance")).isEqualTo(1);
            assertThat(b.count("eth_getBalance")).isZero();
        }
    }

    @Test
    void shouldTurnARevertedCallIntoCallRevertedExceptionWithItsData() {
        String revertData = "0x4e487b710000000000000000000000000000000000000000000000000000000000000011";
        FakeRpc rpc =
                new FakeRpc(CHAIN_ID).answer("eth_call", new FakeRpc.RpcError(3, "execution reverted", revertData));
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", rpc))) {
            assertThatThrownBy(() -> client.call("0x" + "22".repeat(20), "0x12345678", BlockRef.at(5)))
                    .isInstanceOfSatisfying(
                            CallRevertedException.class,
                            e -> assertThat(e.revertData()).isEqualTo(revertData));
        }
    }

    @Test
    void shouldRejectAnRpcOnAnotherChainAtConnect() {
        FakeRpc mainnet = new FakeRpc(1);
        assertThatThrownBy(() -> connect(FAST, Map.of("http://a.example:8545", mainnet)))
                .isInstanceOf(UserFacingException.class)
                .hasMessage(
                        "error: chain 'ethereum': RPC http://a.example:8545 reports chain id 1 but the config expects "
                                + "31337 (chains.ethereum.chainId)");
    }

    @Test
    void shouldNeverFailOverToAnRpcThatTurnsOutToServeAnotherChain() {
        FakeRpc lateStarter = new FakeRpc(1).answer("eth_blockNumber", "0x99");
        FakeRpc good = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x5");
        lateStarter.down = true;
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", lateStarter, "http://b:8545", good))) {
            assertThat(client.blockNumber()).isEqualTo(5);
            lateStarter.down = false;
            good.down = true;

            assertThatThrownBy(client::blockNumber)
                    .isInstanceOf(ChainUnavailableException.class)
                    .hasMessageContaining("http://a:8545 : reports chain id 1, expected 31337");
            assertThat(lateStarter.count("eth_blockNumber")).isZero();
        }
    }

    @Test
    void shouldFailOverForGeneratedWrappersThroughTheWeb3jFacade() throws Exception {
        FakeRpc a = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x1");
        FakeRpc b = new FakeRpc(CHAIN_ID).answer("eth_blockNumber", "0x3");
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", a, "http://b:8545", b))) {
            a.down = true;

            assertThat(client.web3j().ethBlockNumber().send().getBlockNumber().longValue())
                    .isEqualTo(3);
            assertThat(client.web3j()
                            .ethBlockNumber()
                            .sendAsync()
                            .get(5, TimeUnit.SECONDS)
                            .getBlockNumber()
                            .longValue())
                    .isEqualTo(3);
        }
    }

    @Test
    void shouldPassRawRequestsThroughAndConvertTheirResults() {
        FakeRpc rpc = new FakeRpc(CHAIN_ID)
                .answer("anvil_nodeInfo", Map.of("currentBlockNumber", 12, "network", "devnet"))
                .answer("evm_snapshot", "0x1");
        try (ChainClient client = connect(FAST, Map.of("http://a:8545", rpc))) {
            assertThat(client.request("evm_snapshot", List.of(), String.class)).isEqualTo("0x1");
            assertThat(client.request("anvil_nodeInfo", List.of(), com.fasterxml.jackson.databind.JsonNode.class)
                            .path("network")
                            .asText())
                    .isEqualTo("devnet");
            assertThatThrownBy(() -> client.request("no_such_method", List.of(), String.class))
                    .isInstanceOf(RpcErrorException.class)
                    .hasMessageContaining("Method not found");
        }
    }

    // ---------------------------------------------------------------- real HTTP

    @Test
    void shouldReportEveryUnreachableUrlWhenNoneAnswersAtConnect() throws IOException {
        int closedPort = freePort();
        String url = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> EvmChainClient.builder(ChainEndpoints.of("ethereum", CHAIN_ID, url))
                        .retryPolicy(FAST)
                        .sleeper(recordingSleeper)
                        .connect())
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: chain 'ethereum': cannot reach any RPC URL (" + url
                        + " : connection refused); check " + "chains.ethereum.rpc");
    }

    @Test
    void shouldTimeOutAHangingRpcAndFailOverToTheNext() throws IOException {
        String hanging = server(method -> method.equals("eth_chainId") ? "\"0x7a69\"" : null);
        String healthy = server(method -> method.equals("eth_chainId") ? "\"0x7a69\"" : "\"0x10\"");
        RetryPolicy policy = FAST.withCallTimeout(Duration.ofSeconds(1));
        try (ChainClient client = EvmChainClient.builder(ChainEndpoints.of("ethereum", CHAIN_ID, hanging, healthy))
                .retryPolicy(policy)
                .sleeper(recordingSleeper)
                .connect()) {
            long started = System.nanoTime();

            assertThat(client.blockNumber()).isEqualTo(16);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void shouldTreatHttpErrorStatusesAsFailuresToFailOverFrom() throws IOException {
        String overloaded = server(method -> method.equals("eth_chainId") ? "\"0x7a69\"" : "503");
        try (ChainClient client = EvmChainClient.builder(ChainEndpoints.of("ethereum", CHAIN_ID, overloaded))
                .retryPolicy(FAST.withMaxAttempts(2))
                .sleeper(recordingSleeper)
                .connect()) {
            assertThatThrownBy(client::blockNumber)
                    .isInstanceOf(ChainUnavailableException.class)
                    .hasMessage("chain 'ethereum': cannot reach any RPC URL (" + overloaded + " : HTTP 503)");
        }
    }

    @Test
    void shouldKeepApiKeysInRpcUrlsOutOfMessages() {
        assertThat(Redaction.url("https://eth-mainnet.g.alchemy.com/v2/AbCdEfGhIjKlMnOpQrStUvWxYz012345"))
                .isEqualTo("https://eth-mainnet.g.alchemy.com/v2/***");
        assertThat(Redaction.url("https://user:secret@rpc.example.org:8443/path?apikey=secret"))
                .isEqualTo("https://***@rpc.example.org:8443/path?***");
        assertThat(Redaction.url("http://127.0.0.1:8545")).isEqualTo("http://127.0.0.1:8545");

        FakeRpc mainnet = new FakeRpc(1);
        assertThatThrownBy(() -> EvmChainClient.builder(ChainEndpoints.of(
                                "ethereum", CHAIN_ID, "https://rpc.example.org/AbCdEfGhIjKlMnOpQrStUvWxYz012345"))
                        .transports(url -> mainnet)
                        .connect())
                .hasMessageNotContaining("AbCdEfGhIjKlMnOpQrStUvWxYz012345");
    }

    @Test
    void shouldRejectAnRpcUrlThatIsNotHttp() {
        assertThatThrownBy(() -> ChainEndpoints.of("ethereum", CHAIN_ID, "ws://127.0.0.1:8546"))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("error: chain 'ethereum': RPC URL 'ws://127.0.0.1:8546' is not an http(s) URL "
                        + "(chains.ethereum.rpc)");
    }

    // ---------------------------------------------------------------- helpers

    private ChainClient connect(RetryPolicy policy, Map<String, FakeRpc> rpcs) {
        List<String> urls = new ArrayList<>(new java.util.TreeMap<>(rpcs).keySet());
        return EvmChainClient.builder(new ChainEndpoints("ethereum", CHAIN_ID, urls))
                .retryPolicy(policy)
                .sleeper(recordingSleeper)
                .random(fixed(0.5))
                .transports(rpcs::get)
                .connect();
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A JSON-RPC stub: {@code answer} maps the method to a JSON result, to "503" for an HTTP 503, or to null to hang
     * until the test ends.
     */
    private String server(java.util.function.Function<String, String> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = body.replaceAll(".*\"method\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            String id = body.replaceAll(".*\"id\"\\s*:\\s*(\\d+).*", "$1");
            String result = answer.apply(method);
            if (result == null) {
                try {
                    releaseHangingServers.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (result.equals("503")) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] response = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
