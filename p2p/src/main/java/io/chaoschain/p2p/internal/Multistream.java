package io.chaoschain.p2p.internal;

import io.chaoschain.p2p.MalformedMessageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * multistream-select 1.0 (libp2p connections spec): each message is a varint length, UTF-8 text and a trailing
 * newline. The dialer proposes protocols in order; the listener echoes a supported one or answers {@code na}, and
 * answers {@code ls} with the protocols it supports. Reads consume exactly one message so that whatever follows
 * (Noise, yamux, application bytes) stays in the stream.
 */
public final class Multistream {
    public static final String PROTOCOL_ID = "/multistream/1.0.0";
    public static final String NA = "na";
    private static final int MAX_MESSAGE = 1024;

    private Multistream() {}

    /** Thrown when the listener supports none of the proposed protocols. */
    public static final class NegotiationFailedException extends IOException {
        public NegotiationFailedException(String message) {
            super(message);
        }
    }

    /**
     * Negotiates as dialer: sends the header with the first proposal in one write, then falls back through the rest.
     *
     * @return the protocol the listener accepted
     */
    public static String select(InputStream in, OutputStream out, List<String> protocols) throws IOException {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocols to propose");
        }
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(encode(PROTOCOL_ID));
        first.writeBytes(encode(protocols.getFirst()));
        out.write(first.toByteArray());
        out.flush();
        String header = readMessage(in);
        if (!PROTOCOL_ID.equals(header)) {
            throw new IOException("multistream: unexpected header '" + header + "'");
        }
        for (int i = 0; i < protocols.size(); i++) {
            if (i > 0) {
                out.write(encode(protocols.get(i)));
                out.flush();
            }
            String answer = readMessage(in);
            if (answer.equals(protocols.get(i))) {
                return answer;
            }
            if (!NA.equals(answer)) {
                throw new IOException("multistream: unexpected answer '" + answer + "' to '" + protocols.get(i) + "'");
            }
        }
        throw new NegotiationFailedException("multistream: peer supports none of " + protocols);
    }

    /**
     * Negotiates as listener.
     *
     * @param supported decides whether a proposed protocol is handled here
     * @param listing the protocols to report for {@code ls}
     * @return the agreed protocol, or empty if the dialer closed the stream before agreeing
     */
    public static Optional<String> handle(
            InputStream in, OutputStream out, Predicate<String> supported, Collection<String> listing)
            throws IOException {
        String header = readMessageOrNull(in);
        if (header == null) {
            return Optional.empty();
        }
        if (!PROTOCOL_ID.equals(header)) {
            throw new IOException("multistream: unexpected header '" + header + "'");
        }
        out.write(encode(PROTOCOL_ID));
        out.flush();
        for (int attempts = 0; attempts < 64; attempts++) {
            String proposal = readMessageOrNull(in);
            if (proposal == null) {
                return Optional.empty();
            }
            if (proposal.equals("ls")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (String p : listing) {
                    body.writeBytes(encode(p));
                }
                body.write('\n');
                out.write(LengthPrefixed.frame(body.toByteArray()));
            } else if (supported.test(proposal)) {
                out.write(encode(proposal));
                out.flush();
                return Optional.of(proposal);
            } else {
                out.write(encode(NA));
            }
            out.flush();
        }
        throw new IOException("multistream: too many proposals");
    }

    static byte[] encode(String message) {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        return LengthPrefixed.frame(text);
    }

    private static String readMessage(InputStream in) throws IOException {
        String m = readMessageOrNull(in);
        if (m == null) {
            throw new java.io.EOFException("multistream: stream closed during negotiation");
        }
        return m;
    }

    private static String readMessageOrNull(InputStream in) throws IOException {
        byte[] msg = LengthPrefixed.read(in, MAX_MESSAGE);
        if (msg == null) {
            return null;
        }
        if (msg.length == 0 || msg[msg.length - 1] != '\n') {
            throw new MalformedMessageException("multistream: message does not end with a newline");
        }
        return new String(msg, 0, msg.length - 1, StandardCharsets.UTF_8);
    }
}
