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
 */
public record DesignEffect(int clusters, int blocks, double sum, double squares, double clusterSquares, double crossSum, double sizeSquares) {

    /** The design effect, at least 1: 1 where every cluster has one block or the blocks do not vary. */
    public double value() {
        if (clusters < 2 || blocks < 2 || sizeSquares <= blocks) {
            return 1;
        }
        double mean = sum / blocks;
        double independent = (squares - blocks * mean * mean) / ((double) blocks * (blocks - 1));
        double clustered = (clusterSquares - 2 * mean * crossSum + mean * mean * sizeSquares) * clusters
                / ((double) (clusters - 1) * blocks * blocks);
        return independent > 0 ? Math.max(1, clustered / independent) : 1;
    }
}
