package io.chaoschain.node.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/** The handful of Anvil cheat RPCs the demo's scripted world uses (never used against a real chain). */
final class AnvilRpc {
  private final Web3jService service;

  AnvilRpc(Web3jService service) {
    this.service = service;
  }

  void setBalance(String address, BigInteger wei) throws IOException {
    call("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
  }

  void increaseTime(long seconds) throws IOException {
    call("evm_increaseTime", List.of(seconds));
    mine(1);
  }

  void mine(long blocks) throws IOException {
    call("anvil_mine", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks))));
  }

  private void call(String method, List<?> params) throws IOException {
    Response<?> response = new Request<>(method, params, service, Raw.class).send();
    if (response.hasError()) {
      throw new IOException(method + " failed: " + response.getError().getMessage());
    }
  }

  /** A response whose result we ignore. */
  public static final class Raw extends Response<Object> {}
}
