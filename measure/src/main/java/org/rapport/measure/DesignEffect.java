package org.rapport.measure;

/**
 * How much wider a mean over blocks must be where blocks come in clusters (a pupil's parts about each of their
 * teachers): Kish's design effect, the variance of the block mean with clusters as the units sampled (the
 * between-cluster, "sandwich" estimator) over its variance with every block independent, from sums kept as blocks
 * are added. A pupil's parts share the pupil's own trust, so n pupils with k parts each carry less than n·k
 * independent answers; a model that treats the parts as independent members is too sure by this factor in variance.
 *
 * <p>Both variances are the usual unbiased ones: the clustered one with the factor n/(n − 1) of n clusters, the
 * independent one with B − 1 for B blocks.
 *
 * @param clusters    n, the clusters (respondents)
 * @param blocks      B, the blocks
 * @param sum         Σ x over the blocks (their measures)
 * @param squares     Σ x² over the blocks
 * @param clusterSquares Σ S² over the clusters, S a cluster's Σ x
 * @param crossSum    Σ m·S over the clusters, m a cluster's number of blocks
 * @param sizeSquares Σ m² over the clusters
 * @param largest     the largest cluster's m
 */
public record DesignEffect(int clusters, int blocks, double sum, double squares, double clusterSquares, double crossSum, double sizeSquares,
                           int largest) {

    /** Below this share of the blocks' mean square, their variance is taken as rounding: they do not vary. */
    static final double NO_VARIANCE = 1e-9;

    /**
     * The design effect, at least 1 and at most what clusters of these sizes can reach (every block of a cluster alike:
     * no more than the largest cluster's size, with the same small-sample factors): 1 where every cluster has one block or the blocks do not vary (every
     * answer at the top, say, where both variances are rounding and their ratio would be anything).
     */
    public double value() {
        if (clusters < 2 || blocks < 2 || sizeSquares <= blocks) {
            return 1;
        }
        double mean = sum / blocks;
        double spread = squares - blocks * mean * mean;
        if (!(spread > NO_VARIANCE * squares)) {
            return 1;
        }
        double independent = spread / ((double) blocks * (blocks - 1));
        double clustered = (clusterSquares - 2 * mean * crossSum + mean * mean * sizeSquares) * clusters
                / ((double) (clusters - 1) * blocks * blocks);
        double most = largest * clusters / (clusters - 1.0) * (blocks - 1.0) / blocks;
        return Math.min(most, Math.max(1, clustered / independent));
    }
}
