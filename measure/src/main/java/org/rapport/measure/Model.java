package org.rapport.measure;

import java.util.Locale;

/** The Rasch models that {@link CmlEstimator} fits. */
public enum Model {
    /** Dichotomous Rasch model: answers 0 or 1. */
    RM,
    /** Andrich's rating scale model: every item shares one set of category steps. */
    RSM,
    /** Masters' partial credit model: every item has its own steps. */
    PCM;

    public static Model parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown model '" + name + "': expected rm, rsm or pcm");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
