package io.chaoschain.chains.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.protocol.core.Response;

/** A JSON-RPC response whose result is kept as a JSON tree, for methods web3j has no type for. */
public final class JsonResult extends Response<JsonNode> {}
