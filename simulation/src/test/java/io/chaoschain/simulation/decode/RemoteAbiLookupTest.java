package io.chaoschain.simulation.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a local server replaying Sourcify v2's and an Etherscan-compatible explorer's response formats. */
class RemoteAbiLookupTest {
    private static final String VERIFIED = "0x39aa39c021dfbae8fac545936693ac917d5e7563";
    private static final String EXPLORER_ONLY = "0xc00e94cb662c3520282e6f5717214004a7f26888";
    private static final String NOWHERE = "0x00000000000000000000000000000000000000ee";
    private static final String ABI =
            "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"newReserveFactorMantissa\","
                    + "\"type\":\"uint256\"}],\"name\":\"_setReserveFactor\",\"outputs\":[{\"internalType\":\"uint256\","
                    + "\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]";
    private static final String KEY = "k3y-not-for-logs";
    private static final String PROXY = "0x00000000000000000000000000000000000000a7";
    private static final String IMPLEMENTATION = "0x00000000000000000000000000000000000000b8";
    private static final String IMPLEMENTATION_ABI =
            "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"kinkMantissa\","
                    + "\"type\":\"uint256\"}],\"name\":\"setKinkedRate\",\"outputs\":[],\"stateMutability\":\"nonpayable\","
                    + "\"type\":\"function\"}]";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/server/v2/contract/", ex -> {
            requests.add(ex.getRequestURI().toString());
            String path = ex.getRequestURI().getPath();
            boolean impl = path.endsWith("/1/" + IMPLEMENTATION);
            boolean found = (impl || path.endsWith("/1/" + VERIFIED))
                    && "fields=abi".equals(ex.getRequestURI().getQuery());
            String body = found
                    ? "{\"abi\":" + (impl ? IMPLEMENTATION_ABI : ABI)
                            + ",\"match\":\"exact_match\",\"creationMatch\":\"exact_match\","
                            + "\"runtimeMatch\":\"exact_match\",\"chainId\":\"1\",\"address\":\"" + VERIFIED + "\","
                            + "\"verifiedAt\":\"2024-07-24T12:00:00Z\"}"
                    : "{\"customCode\":\"not_found\",\"message\":\"Contract "
                            + path.substring(path.lastIndexOf('/') + 1)
                            + " on chain 1 not found or not verified\",\"errorId\":\"0b5e4ac8\"}";
            reply(ex, found ? 200 : 404, body);
        });
        server.createContext("/v2/api", ex -> {
            requests.add(ex.getRequestURI().toString());
            String q = ex.getRequestURI().getQuery();
            String body = q.contains("address=" + EXPLORER_ONLY) && q.contains("apikey=" + KEY)
                    ? "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"" + ABI.replace("\"", "\\\"") + "\"}"
                    : "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Contract source code not verified\"}";
            reply(ex, 200, body);
        });
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void shouldFindAVerifiedAbiOnSourcifyAndServeItFromTheCacheAfterwards(@TempDir Path cache) {
        RemoteAbiLookup lookup = new RemoteAbiLookup(base("/server"), null, null, cache);

        var found = lookup.lookup(1, VERIFIED);

        assertThat(found).isPresent();
        assertThat(found.get().source()).isEqualTo("sourcify");
        assertThat(found.get().abi().get(0).path("name").asText()).isEqualTo("_setReserveFactor");
        assertThat(requests).containsExactly("/server/v2/contract/1/" + VERIFIED + "?fields=abi");

        server.stop(0);
        var again = new RemoteAbiLookup(base("/server"), null, null, cache).lookup(1, VERIFIED);
        assertThat(again).isPresent();
        assertThat(again.get().source()).isEqualTo("sourcify");
        assertThat(requests).hasSize(1);
    }

    @Test
    void shouldFallBackToTheExplorerAndNeverWriteTheKeyAnywhere(@TempDir Path cache) throws IOException {
        RemoteAbiLookup lookup = new RemoteAbiLookup(base("/server"), base("/v2/api"), KEY, cache);

        var found = lookup.lookup(1, EXPLORER_ONLY);

        assertThat(found).isPresent();
        assertThat(found.get().source()).isEqualTo("explorer");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).contains("chainid=1&module=contract&action=getabi&address=" + EXPLORER_ONLY);
        Path entry = cache.resolve("1").resolve(EXPLORER_ONLY + ".json");
        assertThat(Files.readString(entry)).contains("_setReserveFactor").doesNotContain(KEY);
        assertThat(lookup.problems()).isEmpty();
    }

    @Test
    void shouldAnswerNothingForAnUnverifiedContractAndAskOnlyOncePerProcess(@TempDir Path cache) {
        RemoteAbiLookup lookup = new RemoteAbiLookup(base("/server"), base("/v2/api"), KEY, cache);

        assertThat(lookup.lookup(1, NOWHERE)).isEmpty();
        assertThat(lookup.lookup(1, NOWHERE)).isEmpty();

        assertThat(requests).hasSize(2);
        assertThat(lookup.problems()).isEmpty();
        assertThat(cache.resolve("1").resolve(NOWHERE + ".json")).doesNotExist();
    }

    @Test
    void shouldDecodeACallToAProxyWithItsImplementationsVerifiedAbi(@TempDir Path cache) {
        ContractProbe probe = new ContractProbe() {
            @Override
            public String code(String address) {
                return "0x00";
            }

            @Override
            public String call(String to, String data) {
                return null;
            }

            @Override
            public String storage(String address, java.math.BigInteger slot) {
                return address.equals(PROXY) && slot.equals(AbiResolver.IMPLEMENTATION_SLOT)
                        ? "0x" + "0".repeat(24) + IMPLEMENTATION.substring(2)
                        : "0x" + "0".repeat(64);
            }

            @Override
            public long chainId() {
                return 1;
            }
        };
        RemoteAbiLookup lookup = new RemoteAbiLookup(base("/server"), null, null, cache);
        AbiResolver resolver = new AbiResolver(AbiRegistry.bundled(), AbiRegistry.empty(), lookup);
        String calldata = io.chaoschain.core.Hex.functionSelector("setKinkedRate(uint256)") + "0".repeat(63) + "9";

        var call = resolver.decodeCall(
                new io.chaoschain.core.proposal.ProposalAction(PROXY, java.math.BigInteger.ZERO, calldata, ""), probe);

        assertThat(call.abiSource()).as("%s %s", requests, lookup.problems()).isEqualTo("sourcify");
        assertThat(call.render()).isEqualTo("setKinkedRate(kinkMantissa=9)");
        assertThat(requests)
                .containsExactly(
                        "/server/v2/contract/1/" + PROXY + "?fields=abi",
                        "/server/v2/contract/1/" + IMPLEMENTATION + "?fields=abi");
    }

    @Test
    void shouldReportAnUnreachableServerWithoutTheKey(@TempDir Path cache) {
        server.stop(0);
        RemoteAbiLookup lookup = new RemoteAbiLookup(null, base("/v2/api"), KEY, cache);

        assertThat(lookup.lookup(1, VERIFIED)).isEmpty();

        assertThat(lookup.problems())
                .singleElement()
                .asString()
                .startsWith("cannot reach the explorer at 127.0.0.1")
                .doesNotContain(KEY);
    }
}
