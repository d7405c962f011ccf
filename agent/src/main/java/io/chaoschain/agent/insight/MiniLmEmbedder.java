package io.chaoschain.agent.insight;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The all-MiniLM-L6-v2 sentence-embedding model running in process from the jar langchain4j ships it in (ONNX
 * runtime): offline, deterministic, 384-dimensional normalised vectors. Loading takes about a second, so the model is
 * created on first use and shared.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    private static volatile AllMiniLmL6V2EmbeddingModel model;

    @Override
    public float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    private static AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            synchronized (MiniLmEmbedder.class) {
                m = model;
                if (m == null) {
                    m = new AllMiniLmL6V2EmbeddingModel();
                    model = m;
                }
            }
        }
        return m;
    }
}
