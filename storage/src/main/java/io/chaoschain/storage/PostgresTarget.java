package io.chaoschain.storage;

import io.chaoschain.core.UserFacingException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A PostgreSQL database to open: {@code postgresql://host[:port]/database} (a {@code jdbc:} prefix is accepted), the
 * login and its password. The password is kept out of {@link #toString()} and out of every message.
 *
 * @param url the URL as configured, without credentials
 * @param user the login role
 * @param password the role's password, or null for trust/peer authentication
 */
public record PostgresTarget(String url, String user, String password) {

    public PostgresTarget {
        if (url == null || url.isBlank()) {
            throw new UserFacingException(
                    "error: storage.url must be a PostgreSQL URL such as postgresql://localhost:5432/chaoschain");
        }
        url = url.strip();
        if (url.startsWith("jdbc:")) {
            url = url.substring(5);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserFacingException(
                    "error: storage.url '" + url + "' is not a URL; expected postgresql://host:port/database");
        }
        if (!"postgresql".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new UserFacingException(
                    "error: storage.url must look like postgresql://host:port/database, got '" + url + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new UserFacingException(
                    "error: storage.url must not carry credentials; set storage.user and storage.passwordEnv");
        }
        if (user == null || user.isBlank()) {
            throw new UserFacingException("error: storage.user is required with a PostgreSQL storage.url");
        }
    }

    /** The URL the PostgreSQL JDBC driver takes. */
    public String jdbcUrl() {
        return "jdbc:" + url;
    }

    @Override
    public String toString() {
        return "PostgresTarget[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + "]";
    }
}
