package org.rapport.measure;

/**
 * The sums a {@link DesignEffect} is read from, gathered one cluster (a respondent's blocks) at a time and added up
 * across parts of a group: what the reports keep per group and batch, and what a simulation keeps per school.
 */
public final class ClusterSums {
    private int clusters;
    private int blocks;
    private int largest;
    private double sum;
    private double squares;
    private double clusterSquares;
    private double crossSum;
    private double sizeSquares;

    /** One cluster: the measures of its first {@code count} blocks. */
    public void add(double[] measures, int count) {
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += measures[i];
            squares += measures[i] * measures[i];
        }
        clusters++;
        blocks += count;
        sum += total;
        clusterSquares += total * total;
        crossSum += count * total;
        sizeSquares += (double) count * count;
        largest = Math.max(largest, count);
    }

    /** Adds another part's sums (another batch of the same group, say). */
    public void addAll(ClusterSums other) {
        clusters += other.clusters;
        blocks += other.blocks;
        largest = Math.max(largest, other.largest);
        sum += other.sum;
        squares += other.squares;
        clusterSquares += other.clusterSquares;
        crossSum += other.crossSum;
        sizeSquares += other.sizeSquares;
    }

    public DesignEffect designEffect() {
        return new DesignEffect(clusters, blocks, sum, squares, clusterSquares, crossSum, sizeSquares, largest);
    }
}
