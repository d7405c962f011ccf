package io.chaoschain.p2p.protocol;

import io.chaoschain.p2p.MalformedMessageException;
import io.chaoschain.p2p.internal.ProtoReader;
import io.chaoschain.p2p.internal.ProtoWriter;

/**
 * A ChaosChain gossip payload. Each kind travels on its own topic inside a {@link SignedEnvelope}; protobuf field
 * numbers are part of the wire format (version 1) and must never be reused.
 */
public sealed interface ChaosMessage permits ChaosMessage.Insight, ChaosMessage.ProposalAnnouncement, ChaosMessage.ProposalAck {
  String INSIGHTS_TOPIC = "/chaoschain/insights/1";
  String PROPOSALS_TOPIC = "/chaoschain/proposals/1";
  String ACKS_TOPIC = "/chaoschain/acks/1";
  int MAX_TEXT = 4096;

  String kind();

  String topic();

  byte[] encode();

  /** An observation an agent made about a protocol on some chain (e.g. utilisation above the kink for 6 hours). */
  record Insight(long chainId, String target, String category, String summary, double severity) implements ChaosMessage {
    public Insight {
      checkText("summary", summary);
      checkText("category", category);
      checkText("target", target);
      if (!(severity >= 0 && severity <= 1)) {
        throw new IllegalArgumentException("severity must be within [0, 1], got " + severity);
      }
    }

    @Override
    public String kind() {
      return "insight";
    }

    @Override
    public String topic() {
      return INSIGHTS_TOPIC;
    }

    @Override
    public byte[] encode() {
      return new ProtoWriter().varint(1, chainId).string(2, target).string(3, category).string(4, summary)
          .varint(5, Math.round(severity * 1_000_000)).toByteArray();
    }

    static Insight decode(byte[] b) {
      ProtoReader r = new ProtoReader(b);
      long chain = 0;
      String target = "";
      String category = "";
      String summary = "";
      long severity = 0;
      while (r.next()) {
        switch (r.field()) {
          case 1 -> chain = r.varint();
          case 2 -> target = r.string();
          case 3 -> category = r.string();
          case 4 -> summary = r.string();
          case 5 -> severity = r.varint();
          default -> r.skip();
        }
      }
      return new Insight(chain, target, category, summary, severity / 1_000_000.0);
    }
  }

  /** A governance proposal an agent drafted and proved on a fork, announced to other nodes. */
  record ProposalAnnouncement(long chainId, String governor, String proposalId, String title, String descriptionHash,
      String simulationReportHash) implements ChaosMessage {
    public ProposalAnnouncement {
      checkText("governor", governor);
      checkText("proposalId", proposalId);
      checkText("title", title);
      checkText("descriptionHash", descriptionHash);
      checkText("simulationReportHash", simulationReportHash);
    }

    @Override
    public String kind() {
      return "proposal";
    }

    @Override
    public String topic() {
      return PROPOSALS_TOPIC;
    }

    @Override
    public byte[] encode() {
      return new ProtoWriter().varint(1, chainId).string(2, governor).string(3, proposalId).string(4, title)
          .string(5, descriptionHash).string(6, simulationReportHash).toByteArray();
    }

    static ProposalAnnouncement decode(byte[] b) {
      ProtoReader r = new ProtoReader(b);
      long chain = 0;
      String[] s = {"", "", "", "", ""};
      while (r.next()) {
        if (r.field() == 1) {
          chain = r.varint();
        } else if (r.field() >= 2 && r.field() <= 6) {
          s[r.field() - 2] = r.string();
        } else {
          r.skip();
        }
      }
      return new ProposalAnnouncement(chain, s[0], s[1], s[2], s[3], s[4]);
    }
  }

  /** Another agent's verdict on an announced proposal. */
  record ProposalAck(long chainId, String proposalId, Verdict verdict, String reason) implements ChaosMessage {
    public enum Verdict { SUPPORT, OPPOSE, ABSTAIN }

    public ProposalAck {
      checkText("proposalId", proposalId);
      checkText("reason", reason);
      if (verdict == null) {
        throw new IllegalArgumentException("verdict is required");
      }
    }

    @Override
    public String kind() {
      return "ack";
    }

    @Override
    public String topic() {
      return ACKS_TOPIC;
    }

    @Override
    public byte[] encode() {
      return new ProtoWriter().varint(1, chainId).string(2, proposalId).varint(3, verdict.ordinal()).string(4, reason)
          .toByteArray();
    }

    static ProposalAck decode(byte[] b) {
      ProtoReader r = new ProtoReader(b);
      long chain = 0;
      String id = "";
      long verdict = -1;
      String reason = "";
      while (r.next()) {
        switch (r.field()) {
          case 1 -> chain = r.varint();
          case 2 -> id = r.string();
          case 3 -> verdict = r.varint();
          case 4 -> reason = r.string();
          default -> r.skip();
        }
      }
      if (verdict < 0 || verdict >= Verdict.values().length) {
        throw new MalformedMessageException("unknown ack verdict " + verdict);
      }
      return new ProposalAck(chain, id, Verdict.values()[(int) verdict], reason);
    }
  }

  static ChaosMessage decode(String kind, byte[] payload) {
    try {
      return switch (kind) {
        case "insight" -> Insight.decode(payload);
        case "proposal" -> ProposalAnnouncement.decode(payload);
        case "ack" -> ProposalAck.decode(payload);
        default -> throw new MalformedMessageException("unknown ChaosChain message kind '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("invalid " + kind + ": " + e.getMessage(), e);
    }
  }

  static String topicOf(String kind) {
    return switch (kind) {
      case "insight" -> INSIGHTS_TOPIC;
      case "proposal" -> PROPOSALS_TOPIC;
      case "ack" -> ACKS_TOPIC;
      default -> throw new MalformedMessageException("unknown ChaosChain message kind '" + kind + "'");
    };
  }

  private static void checkText(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " longer than " + MAX_TEXT + " characters");
    }
  }
}
