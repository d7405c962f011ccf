package io.chaoschain.chains.testing;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/** Builds the exact revert data a Solidity custom error produces, to compare with what the chain returned. */
public final class Errors {
    private Errors() {}

    /** selector(name(types...)) followed by the ABI-encoded arguments, lower-case 0x-hex. */
    public static String of(String name, Type<?>... args) {
        String signature =
                name + "(" + Arrays.stream(args).map(Type::getTypeAsString).collect(Collectors.joining(",")) + ")";
        return (Hash.sha3String(signature).substring(0, 10) + FunctionEncoder.encodeConstructor(List.of(args)))
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The 4-byte selector of {@code signature}, e.g. {@code "InsufficientLiquidity(uint256,uint256)"}. */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /** The 32-byte argument words that follow the selector in revert data, as unsigned integers. */
    public static List<BigInteger> words(String revertData) {
        String body = revertData.substring(10);
        return java.util.stream.IntStream.range(0, body.length() / 64)
                .mapToObj(i -> new BigInteger(body.substring(i * 64, i * 64 + 64), 16))
                .toList();
    }

    public static Uint256 uint(BigInteger value) {
        return new Uint256(value);
    }

    public static Uint256 uint(long value) {
        return new Uint256(value);
    }

    public static Address address(String value) {
        return new Address(value);
    }

    public static Utf8String string(String value) {
        return new Utf8String(value);
    }

    /** Solidity's Panic(uint256) for checked arithmetic over- or underflow. */
    public static String arithmeticPanic() {
        return of("Panic", uint(0x11));
    }
}
