/**
 * The language-model analyst: a chat model (OpenAI-compatible, Anthropic or Ollama, through langchain4j) that reads
 * the market through tools, simulates candidate drafts and submits a structured draft — a function of a known ABI,
 * its arguments and a description. The node encodes the calldata itself, and {@link
 * io.chaoschain.agent.llm.NumberGuard} refuses any draft whose description states a number no tool returned or whose
 * calldata does not decode to exactly the stated change, before it is simulated. Every tool call and result is kept
 * in a {@link io.chaoschain.agent.llm.DecisionTranscript}.
 */
package io.chaoschain.agent.llm;
