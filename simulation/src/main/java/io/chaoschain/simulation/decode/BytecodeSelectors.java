package io.chaoschain.simulation.decode;

import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What runtime bytecode and calldata tell about a call when no ABI knows its selector: the selectors the contract's
 * dispatcher compares against (the operand of every {@code PUSH4} followed, within a few instructions, by {@code EQ};
 * solc's and Vyper's dispatchers both have that shape), and the shape of each 32-byte argument word.
 */
public final class BytecodeSelectors {
    private static final int PUSH1 = 0x60;
    private static final int PUSH4 = 0x63;
    private static final int PUSH32 = 0x7f;
    private static final int EQ = 0x14;
    private static final int DUP1 = 0x80;
    private static final int DUP16 = 0x8f;
    private static final int ADDRESS_BYTES = 20;

    private BytecodeSelectors() {}

    /** The dispatcher's selectors (0x + 8 hex), in code order, without duplicates. */
    public static Set<String> dispatcherSelectors(String runtimeCode) {
        byte[] code = Hex.decode(runtimeCode);
        Set<String> out = new LinkedHashSet<>();
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xff;
            if (op == PUSH4 && pc + 5 <= code.length) {
                // the comparison: EQ right after, or after a DUP / a PUSH of a jump target (solc puts either between)
                int next = pc + 5;
                for (int steps = 0; steps < 3 && next < code.length; steps++) {
                    int o = code[next] & 0xff;
                    if (o == EQ) {
                        byte[] sel = new byte[4];
                        System.arraycopy(code, pc + 1, sel, 0, 4);
                        out.add(Hex.encode(sel));
                        break;
                    }
                    if (o >= DUP1 && o <= DUP16) {
                        next++;
                    } else if (o >= PUSH1 && o <= PUSH32) {
                        next += 1 + (o - PUSH1 + 1);
                    } else {
                        break;
                    }
                }
            }
            if (op >= PUSH1 && op <= PUSH32) {
                pc += op - PUSH1 + 1; // skip push data so it is never read as an opcode
            }
        }
        return out;
    }

    /**
     * A guess at the type of each 32-byte argument word: {@code address} (12 zero bytes then a non-zero 20-byte value
     * wider than any plausible count), {@code bool} (0 or 1), {@code uint256} (other left-padded values),
     * {@code bytes32} (no leading zero byte). Offsets of dynamic data look like {@code uint256}: a guess, said as one.
     */
    public static List<String> argumentShapes(String calldata) {
        String data = calldata.toLowerCase(Locale.ROOT);
        String body = data.length() > 10 ? data.substring(10) : "";
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i + 64 <= body.length(); i += 64) {
            shapes.add(shape(body.substring(i, i + 64)));
        }
        return shapes;
    }

    static String shape(String word) {
        BigInteger v = new BigInteger(word, 16);
        if (v.signum() == 0 || v.equals(BigInteger.ONE)) {
            return v.signum() == 0 ? "uint256" : "bool";
        }
        int leadingZeroBytes = (256 - v.bitLength()) / 8;
        if (leadingZeroBytes == 32 - ADDRESS_BYTES && v.bitLength() > 8 * 18) {
            return "address";
        }
        if (leadingZeroBytes == 0 && !word.startsWith("ff")) {
            return "bytes32";
        }
        return leadingZeroBytes == 0 ? "int256" : "uint256";
    }
}
