package io.chaoschain.simulation.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One frame of a call trace ({@code callTracer}), with its sub-calls.
 *
 * @param type {@code CALL}, {@code DELEGATECALL}, {@code STATICCALL}, {@code CALLCODE}, {@code CREATE},
 *     {@code CREATE2} or {@code SELFDESTRUCT}
 * @param from the caller (lower-case address)
 * @param to the callee or created contract (lower-case), or null when a create failed
 * @param input calldata or init code (0x-hex)
 * @param output return data (0x-hex, "0x" when none)
 * @param value wei transferred (zero for static and delegate calls)
 * @param gasUsed gas used by the frame
 * @param error the frame's error ("execution reverted", "out of gas"), or null when it succeeded
 * @param calls sub-calls in execution order
 * @param depth 0 for the transaction's top frame
 */
public record CallFrame(
        String type,
        String from,
        String to,
        String input,
        String output,
        BigInteger value,
        long gasUsed,
        String error,
        List<CallFrame> calls,
        int depth) {

    public CallFrame {
        calls = List.copyOf(calls);
        value = value == null ? BigInteger.ZERO : value;
        output = output == null ? "0x" : output;
        input = input == null ? "0x" : input;
    }

    /** This frame and every frame below it, depth-first in execution order. */
    public List<CallFrame> flatten() {
        List<CallFrame> all = new ArrayList<>();
        walk(all::add);
        return all;
    }

    /** Visits this frame and every frame below it, depth-first in execution order. */
    public void walk(Consumer<CallFrame> visitor) {
        visitor.accept(this);
        for (CallFrame c : calls) {
            c.walk(visitor);
        }
    }

    /** The 4-byte selector of {@code input}, or "0x" when the input is shorter. */
    public String selector() {
        return input.length() >= 10 ? input.substring(0, 10) : "0x";
    }

    public boolean failed() {
        return error != null;
    }
}
