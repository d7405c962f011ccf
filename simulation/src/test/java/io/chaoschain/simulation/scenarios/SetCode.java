package io.chaoschain.simulation.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * EIP-7702 set-code transactions (type 4), which web3j 4.14 does not build: an account signs an authorization to run
 * a contract's code as its own, and another account carries it on chain. Used to re-point an address's code after a
 * proposal named it.
 */
final class SetCode {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private SetCode() {}

    /**
     * Makes {@code authority}'s code delegate to {@code implementation}, in a transaction sent by {@code sponsor};
     * returns the transaction hash.
     */
    static String delegate(
            Web3j web3j, long chainId, Credentials authority, String implementation, Credentials sponsor) {
        try {
            BigInteger authNonce = nonce(web3j, authority.getAddress());
            byte[] authHash = Hash.sha3(concat(
                    (byte) 0x05,
                    RlpEncoder.encode(new RlpList(
                            RlpString.create(BigInteger.valueOf(chainId)),
                            RlpString.create(Numeric.hexStringToByteArray(implementation)),
                            RlpString.create(authNonce)))));
            Sign.SignatureData a = Sign.signMessage(authHash, authority.getEcKeyPair(), false);
            RlpList authorization = new RlpList(
                    RlpString.create(BigInteger.valueOf(chainId)),
                    RlpString.create(Numeric.hexStringToByteArray(implementation)),
                    RlpString.create(authNonce),
                    RlpString.create(BigInteger.valueOf(a.getV()[0] - 27)),
                    RlpString.create(Numeric.toBigInt(a.getR())),
                    RlpString.create(Numeric.toBigInt(a.getS())));

            List<RlpType> fields = new ArrayList<>(List.of(
                    RlpString.create(BigInteger.valueOf(chainId)),
                    RlpString.create(nonce(web3j, sponsor.getAddress())),
                    RlpString.create(GWEI),
                    RlpString.create(GWEI.multiply(BigInteger.valueOf(50))),
                    RlpString.create(BigInteger.valueOf(200_000)),
                    RlpString.create(Numeric.hexStringToByteArray(sponsor.getAddress())),
                    RlpString.create(BigInteger.ZERO),
                    RlpString.create(new byte[0]),
                    new RlpList(),
                    new RlpList(authorization)));
            byte[] txHash = Hash.sha3(concat((byte) 0x04, RlpEncoder.encode(new RlpList(fields))));
            Sign.SignatureData s = Sign.signMessage(txHash, sponsor.getEcKeyPair(), false);
            fields.add(RlpString.create(BigInteger.valueOf(s.getV()[0] - 27)));
            fields.add(RlpString.create(Numeric.toBigInt(s.getR())));
            fields.add(RlpString.create(Numeric.toBigInt(s.getS())));
            String raw = Numeric.toHexString(concat((byte) 0x04, RlpEncoder.encode(new RlpList(fields))));
            EthSendTransaction sent = web3j.ethSendRawTransaction(raw).send();
            if (sent.hasError()) {
                throw new IllegalStateException(
                        "set-code transaction rejected: " + sent.getError().getMessage());
            }
            return sent.getTransactionHash();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigInteger nonce(Web3j web3j, String address) throws IOException {
        return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount();
    }

    private static byte[] concat(byte type, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = type;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
