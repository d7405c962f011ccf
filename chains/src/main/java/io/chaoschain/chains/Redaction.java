package io.chaoschain.chains;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Makes RPC URLs safe to print: hosted RPC providers put API keys in the user info, the query or a long path segment,
 * and those must not reach logs or error messages.
 */
public final class Redaction {
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9_\\-]{20,}");

    private Redaction() {}

    /** The URL with user info, query and key-like path segments replaced by {@code ***}. */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "<unparseable URL>";
            }
            StringBuilder out = new StringBuilder();
            out.append(uri.getScheme()).append("://");
            if (uri.getRawUserInfo() != null) {
                out.append("***@");
            }
            out.append(uri.getHost());
            if (uri.getPort() >= 0) {
                out.append(':').append(uri.getPort());
            }
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty()) {
                String[] segments = path.split("/", -1);
                for (int i = 0; i < segments.length; i++) {
                    if (i > 0) {
                        out.append('/');
                    }
                    out.append(KEY_LIKE.matcher(segments[i]).matches() ? "***" : segments[i]);
                }
            }
            if (uri.getRawQuery() != null) {
                out.append("?***");
            }
            return out.toString();
        } catch (IllegalArgumentException e) {
            return "<unparseable URL>";
        }
    }

    /**
     * The URL as scheme, host and port only, with {@code /…} where a path or query was left out: for URLs typed on a
     * command line, whose paths may carry keys {@link #url} does not recognise. {@code the configured RPC URL} when the
     * URL cannot be parsed.
     */
    public static String origin(String url) {
        try {
            URI uri = URI.create(Objects.requireNonNull(url));
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "the configured RPC URL";
            }
            String path = uri.getRawPath();
            boolean hidden = (path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null;
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (hidden ? "/…" : "");
        } catch (IllegalArgumentException | NullPointerException e) {
            return "the configured RPC URL";
        }
    }
}
