package io.chaoschain.agent.insight;

/** Turns text into a vector whose cosine similarity to another text's vector measures how alike their meaning is. */
@FunctionalInterface
public interface TextEmbedder {
    float[] embed(String text);
}
