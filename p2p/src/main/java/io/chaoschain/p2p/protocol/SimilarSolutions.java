package io.chaoschain.p2p.protocol;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages of {@code /chaoschain/similar/1.0.0}: "which governance fixes did your chains apply to a situation like
 * mine?". One request and one response per stream, each varint-length-prefixed protobuf.
 */
public final class SimilarSolutions {
    public static final String PROTOCOL = "/chaoschain/similar/1.0.0";
    public static final int MAX_RESULTS = 50;

    private SimilarSolutions() {}

    /**
     * @param category the kind of problem (e.g. "utilization-above-kink")
     * @param description free text of the situation
     * @param excludeChainId results from this chain are not wanted (the asker's own)
     * @param limit at most this many results (capped at {@value #MAX_RESULTS})
     */
    public record Query(String category, String description, long excludeChainId, int limit) {
        public Query {
            if (category == null || category.isBlank() || category.length() > 256) {
                throw new IllegalArgumentException("query category must be 1-256 characters");
            }
            if (description == null || description.length() > ChaosMessage.MAX_TEXT) {
                throw new IllegalArgumentException(
                        "query description must be at most " + ChaosMessage.MAX_TEXT + " characters");
            }
            limit = Math.max(1, Math.min(limit, MAX_RESULTS));
        }

        byte[] encode() {
            return new ProtoWriter()
                    .varint(1, 1)
                    .string(2, category)
                    .string(3, description)
                    .varint(4, excludeChainId)
                    .varint(5, limit)
                    .toByteArray();
        }

        static Query decode(byte[] b) {
            ProtoReader r = new ProtoReader(b);
            String category = null;
            String description = "";
            long exclude = 0;
            long limit = 10;
            while (r.next()) {
                switch (r.field()) {
                    case 2 -> category = r.string();
                    case 3 -> description = r.string();
                    case 4 -> exclude = r.varint();
                    case 5 -> limit = r.varint();
                    default -> r.skip();
                }
            }
            try {
                return new Query(category, description, exclude, (int) Math.min(limit, MAX_RESULTS));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("bad similar-solutions query: " + e.getMessage(), e);
            }
        }
    }

    /**
     * One applied fix on some chain, with how similar the answering node judged it (0..1) and, optionally, the signed
     * envelope of the insight it was published as (field 6), so the asker can verify its author and read its evidence.
     */
    public record Solution(
            long chainId, String proposalId, String title, String summary, double similarity, byte[] signedInsight) {
        public Solution(long chainId, String proposalId, String title, String summary, double similarity) {
            this(chainId, proposalId, title, summary, similarity, null);
        }

        /** The signed insight, when the answer carried one and it decodes; its signature is not checked here. */
        public java.util.Optional<SignedEnvelope> insightEnvelope() {
            if (signedInsight == null) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(SignedEnvelope.decode(signedInsight));
            } catch (MalformedMessageException e) {
                return java.util.Optional.empty();
            }
        }

        void write(ProtoWriter w) {
            w.message(
                    3,
                    new ProtoWriter()
                            .varint(1, chainId)
                            .string(2, proposalId)
                            .string(3, title)
                            .string(4, summary)
                            .varint(5, Math.round(similarity * 1_000_000))
                            .optionalBytes(6, signedInsight));
        }

        static Solution read(ProtoReader r) {
            long chain = 0;
            String id = "";
            String title = "";
            String summary = "";
            long sim = 0;
            byte[] envelope = null;
            while (r.next()) {
                switch (r.field()) {
                    case 1 -> chain = r.varint();
                    case 2 -> id = r.string();
                    case 3 -> title = r.string();
                    case 4 -> summary = r.string();
                    case 5 -> sim = r.varint();
                    case 6 -> envelope = r.bytes();
                    default -> r.skip();
                }
            }
            return new Solution(chain, id, title, summary, Math.min(1.0, sim / 1_000_000.0), envelope);
        }
    }

    /** Answer status: OK, or why the node declined. */
    public enum Status {
        OK,
        RATE_LIMITED,
        BAD_REQUEST,
        UNAVAILABLE
    }

    public record Response(Status status, List<Solution> solutions) {
        public Response {
            solutions = List.copyOf(solutions);
        }

        byte[] encode() {
            ProtoWriter w = new ProtoWriter().varint(1, 1).varint(2, status.ordinal());
            solutions.forEach(s -> s.write(w));
            return w.toByteArray();
        }

        static Response decode(byte[] b) {
            ProtoReader r = new ProtoReader(b);
            Status status = Status.UNAVAILABLE;
            List<Solution> out = new ArrayList<>();
            while (r.next()) {
                switch (r.field()) {
                    case 2 -> {
                        long s = r.varint();
                        status = s < Status.values().length ? Status.values()[(int) s] : Status.UNAVAILABLE;
                    }
                    case 3 -> {
                        if (out.size() >= MAX_RESULTS) {
                            throw new MalformedMessageException("more than " + MAX_RESULTS + " solutions");
                        }
                        out.add(Solution.read(r.message()));
                    }
                    default -> r.skip();
                }
            }
            return new Response(status, out);
        }
    }

    /** What a node answers from: its own record of applied governance fixes. */
    @FunctionalInterface
    public interface Provider {
        List<Solution> findSimilar(Query query);
    }
}
