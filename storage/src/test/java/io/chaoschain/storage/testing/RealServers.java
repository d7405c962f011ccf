package io.chaoschain.storage.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL and a real Redis, each started once per test run on first use and stopped when the run
 * ends. Declare {@code @ExtendWith(RealServers.class)} and take a {@link PostgresServer} or {@link RedisServer}
 * parameter (constructor, lifecycle method or test). A server that cannot start fails the test with what to install:
 * these tests never skip.
 */
public final class RealServers implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServers.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PostgresServer.class || type == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        try {
            if (type == PostgresServer.class) {
                return store.getOrComputeIfAbsent(
                                PostgresServer.class, k -> new Closing<>(PostgresServer.start()), Closing.class)
                        .server();
            }
            return store.getOrComputeIfAbsent(RedisServer.class, k -> new Closing<>(RedisServer.start()), Closing.class)
                    .server();
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    /** Closes the server when JUnit closes the root store, at the end of the run. */
    @SuppressWarnings("deprecation") // CloseableResource is what every JUnit 5 version closes
    private record Closing<S extends AutoCloseable>(S server)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
