package io.chaoschain.chains.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chaoschain.chains.RetryPolicy;
import io.chaoschain.chains.Sleeper;
import io.reactivex.Flowable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.websocket.events.Notification;

/**
 * A {@link Web3jService} over several RPC endpoints of one chain. A request that fails with an I/O error moves on to
 * the next endpoint at once; after each full round of failures it backs off per the {@link RetryPolicy}. The endpoint
 * that answered last is tried first next time. Before its first use, each endpoint must report the expected chain id;
 * one that reports another id is excluded for good.
 *
 * <p>JSON-RPC errors are answers, not failures: they are returned to the caller and never retried here.
 */
@SuppressWarnings("rawtypes") // Web3jService declares raw Request/Response types
public final class FailoverWeb3jService implements Web3jService {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverWeb3jService.class);
    private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3})");

    /** One RPC URL: how it is shown (redacted) and the transport that reaches it. */
    public record Endpoint(String displayUrl, Web3jService transport) {
        public Endpoint {
            Objects.requireNonNull(displayUrl, "displayUrl");
            Objects.requireNonNull(transport, "transport");
        }
    }

    /** The outcome of checking one endpoint's chain id. */
    public sealed interface Probe {
        String displayUrl();

        record Verified(String displayUrl) implements Probe {}

        record WrongChain(String displayUrl, long reportedChainId) implements Probe {}

        record Unreachable(String displayUrl, String reason) implements Probe {}
    }

    private static final class State {
        final Endpoint endpoint;
        volatile boolean verified;
        volatile String excludedReason;

        State(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    @FunctionalInterface
    private interface IoCall<R> {
        R apply(Web3jService transport) throws IOException;
    }

    private final String chain;
    private final long expectedChainId;
    private final List<State> states;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AtomicInteger preferred = new AtomicInteger();
    private final ExecutorService asyncExecutor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param expectedChainId the id every endpoint must report; 0 skips the check
     */
    public FailoverWeb3jService(
            String chain,
            long expectedChainId,
            List<Endpoint> endpoints,
            RetryPolicy policy,
            Sleeper sleeper,
            RandomGenerator random) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        this.chain = chain;
        this.expectedChainId = expectedChainId;
        this.states = endpoints.stream().map(State::new).toList();
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * Checks every endpoint's chain id once, without retries. Endpoints that report another id are excluded; the
     * first verified endpoint becomes the preferred one.
     */
    public List<Probe> probeAll() {
        List<Probe> probes = new ArrayList<>();
        int firstVerified = -1;
        for (int i = 0; i < states.size(); i++) {
            State state = states.get(i);
            Probe probe;
            try {
                long reported = fetchChainId(state.endpoint.transport());
                if (expectedChainId > 0 && reported != expectedChainId) {
                    exclude(state, reported);
                    probe = new Probe.WrongChain(state.endpoint.displayUrl(), reported);
                } else {
                    state.verified = true;
                    probe = new Probe.Verified(state.endpoint.displayUrl());
                    if (firstVerified < 0) {
                        firstVerified = i;
                    }
                }
            } catch (IOException e) {
                probe = new Probe.Unreachable(state.endpoint.displayUrl(), describe(e, policy.callTimeout()));
            }
            probes.add(probe);
        }
        if (firstVerified >= 0) {
            preferred.set(firstVerified);
        }
        return probes;
    }

    /** Index of the endpoint calls go to first: the last one that answered (0 until one has). */
    public int preferredIndex() {
        return preferred.get();
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        return withFailover(request.getMethod(), transport -> transport.send(request, responseType));
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return send(request, responseType);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                asyncExecutor);
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batchRequest) throws IOException {
        return withFailover("batch", transport -> transport.sendBatch(batchRequest));
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batchRequest) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return sendBatch(batchRequest);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                asyncExecutor);
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(
            Request request, String unsubscribeMethod, Class<T> responseType) {
        throw new UnsupportedOperationException("subscriptions need a WebSocket RPC; ChaosChain polls over HTTP");
    }

    @Override
    public void close() throws IOException {
        asyncExecutor.shutdownNow();
        IOException first = null;
        for (State state : states) {
            try {
                state.endpoint.transport().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private <R> R withFailover(String method, IoCall<R> call) throws IOException {
        int n = states.size();
        int start = preferred.get();
        Set<String> failures = new LinkedHashSet<>();
        IOException last = null;
        for (int attempt = 0; attempt < policy.maxAttempts(); attempt++) {
            if (states.stream().allMatch(s -> s.excludedReason != null)) {
                break;
            }
            if (attempt > 0 && attempt % n == 0) {
                pause(policy.backoff(attempt / n - 1, random));
            }
            int index = (start + attempt) % n;
            State state = states.get(index);
            if (state.excludedReason != null) {
                failures.add(state.endpoint.displayUrl() + " : " + state.excludedReason);
                continue;
            }
            try {
                ensureVerified(state);
                R result = invoke(call, state.endpoint.transport());
                if (index != start) {
                    preferred.set(index);
                    LOG.info("chain '{}': failed over to {}", chain, state.endpoint.displayUrl());
                }
                return result;
            } catch (IOException e) {
                if (e instanceof InterruptedIOException
                        && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                last = e;
                String reason = describe(e, policy.callTimeout());
                failures.add(state.endpoint.displayUrl() + " : " + reason);
                LOG.debug(
                        "chain '{}': {} via {} failed (attempt {}): {}",
                        chain,
                        method,
                        state.endpoint.displayUrl(),
                        attempt + 1,
                        reason);
            }
        }
        throw new IOException("cannot reach any RPC URL (" + String.join("; ", failures) + ")", last);
    }

    private void ensureVerified(State state) throws IOException {
        if (state.verified || expectedChainId <= 0) {
            return;
        }
        long reported = fetchChainId(state.endpoint.transport());
        if (reported != expectedChainId) {
            exclude(state, reported);
            throw new IOException(state.excludedReason);
        }
        state.verified = true;
    }

    private void exclude(State state, long reported) {
        state.excludedReason = "reports chain id " + reported + ", expected " + expectedChainId;
        if (states.size() > 1) {
            // with other URLs left this is the only notice the operator gets; alone, the caller's error says it
            LOG.warn("chain '{}': RPC {} {}; not using it", chain, state.endpoint.displayUrl(), state.excludedReason);
        } else {
            LOG.debug("chain '{}': RPC {} {}", chain, state.endpoint.displayUrl(), state.excludedReason);
        }
    }

    private static long fetchChainId(Web3jService transport) throws IOException {
        Request<?, EthChainId> request = new Request<>("eth_chainId", List.of(), transport, EthChainId.class);
        EthChainId response = invoke(t -> t.send(request, EthChainId.class), transport);
        if (response == null) {
            throw new IOException("empty response to eth_chainId");
        }
        if (response.hasError()) {
            throw new IOException("eth_chainId failed: " + response.getError().getMessage());
        }
        return response.getChainId().longValueExact();
    }

    /** web3j's HTTP transport reports HTTP error statuses unchecked; they are I/O failures like any other here. */
    private static <R> R invoke(IoCall<R> call, Web3jService transport) throws IOException {
        try {
            return call.apply(transport);
        } catch (ClientConnectionException e) {
            Matcher m = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
            throw new IOException(m.find() ? "HTTP " + m.group(1) : "bad HTTP response", e);
        }
    }

    private void pause(Duration duration) throws InterruptedIOException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while backing off");
        }
    }

    /** A short, secret-free description of an I/O failure, e.g. {@code connection refused}. */
    public static String describe(IOException e, Duration callTimeout) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "timed out after " + callTimeout.toMillis() + " ms";
        }
        if (e instanceof JsonProcessingException) {
            return "malformed JSON-RPC response";
        }
        if (e instanceof SSLException) {
            return "TLS error";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
