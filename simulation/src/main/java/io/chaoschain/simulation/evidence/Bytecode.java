package io.chaoschain.simulation.evidence;

import io.chaoschain.core.Hex;
import java.util.Locale;
import java.util.Optional;
import org.web3j.crypto.Hash;

/** Facts read from EVM runtime code: opcodes present (PUSH data skipped), code hash, EIP-1167 target. */
public final class Bytecode {
    public static final int DELEGATECALL = 0xf4;
    public static final int CALLCODE = 0xf2;
    public static final int SELFDESTRUCT = 0xff;
    /** keccak256 of empty code. */
    public static final String EMPTY_CODE_HASH = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

    private static final String MINIMAL_PROXY_PREFIX = "363d3d373d3d3d363d73";
    private static final String MINIMAL_PROXY_SUFFIX = "5af43d82803e903d91602b57fd5bf3";

    private Bytecode() {}

    /**
     * True when {@code opcode} occurs as an instruction in {@code code} (0x-hex), stepping over PUSH1..PUSH32
     * immediates. Solidity's trailing metadata may still hold the byte as data; that errs on the side of reporting.
     */
    public static boolean containsOpcode(String code, int opcode) {
        byte[] bytes = Hex.decode(code == null ? "0x" : code);
        int end = bytes.length - metadataLength(bytes);
        for (int i = 0; i < end; i++) {
            int op = bytes[i] & 0xff;
            if (op == opcode) {
                return true;
            }
            if (op >= 0x60 && op <= 0x7f) {
                i += op - 0x5f;
            }
        }
        return false;
    }

    /**
     * Length of the CBOR metadata solc appends to runtime code (its length sits in the last two bytes, and it starts
     * with a CBOR map header), or 0 when there is none: those bytes are data, not instructions.
     */
    static int metadataLength(byte[] code) {
        if (code.length < 2) {
            return 0;
        }
        int len = ((code[code.length - 2] & 0xff) << 8) | (code[code.length - 1] & 0xff);
        int start = code.length - 2 - len;
        if (len == 0 || start < 0) {
            return 0;
        }
        int header = code[start] & 0xff;
        return header >= 0xa1 && header <= 0xa5 ? len + 2 : 0;
    }

    /** keccak256 of the code (0x-hex), lower-case 0x-hex. */
    public static String codeHash(String code) {
        byte[] bytes = Hex.decode(code == null ? "0x" : code);
        return Hex.encode(Hash.sha3(bytes));
    }

    public static boolean isEmpty(String code) {
        return code == null || code.equals("0x") || code.isEmpty();
    }

    /** The implementation an EIP-1167 minimal proxy forwards to, when the code is one. */
    public static Optional<String> minimalProxyTarget(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.toLowerCase(Locale.ROOT);
        c = c.startsWith("0x") ? c.substring(2) : c;
        if (c.length() == 90 && c.startsWith(MINIMAL_PROXY_PREFIX) && c.endsWith(MINIMAL_PROXY_SUFFIX)) {
            return Optional.of("0x" + c.substring(20, 60));
        }
        return Optional.empty();
    }
}
