package org.rapport.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws answers from a partial credit model with known thresholds and normal person measures. */
public final class Simulator {
    private final ItemParameters items;
    private final SplittableRandom random;

    public Simulator(ItemParameters items, long seed) {
        this.items = items;
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} items with {@code categories} categories and spread thresholds, mean 0. */
    public static ItemParameters items(int count, int categories, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] tau = new double[count][categories - 1];
        List<String> names = new ArrayList<>();
        double mean = 0;
        for (int i = 0; i < count; i++) {
            names.add("i" + (i + 1));
            double location = -1.0 + 2.0 * i / Math.max(1, count - 1) + 0.2 * r.nextGaussian();
            for (int k = 0; k < categories - 1; k++) {
                double step = categories == 2 ? 0 : -1.0 + 2.0 * k / (categories - 2);
                tau[i][k] = location + step + 0.2 * r.nextGaussian();
                mean += tau[i][k];
            }
        }
        mean /= count * (categories - 1);
        for (double[] item : tau) {
            for (int k = 0; k < item.length; k++) {
                item[k] -= mean;
            }
        }
        return new ItemParameters(names, tau);
    }

    public int answer(int item, double theta, double[] probabilities) {
        items.categoryProbabilities(item, theta, probabilities);
        double u = random.nextDouble();
        int h = 0;
        double cumulative = probabilities[0];
        while (u > cumulative && h < items.maxCategory(item)) {
            h++;
            cumulative += probabilities[h];
        }
        return h;
    }

    /** Persons with θ ~ N(0, sd²); each answer missing with probability {@code missing}. */
    public ResponseMatrix matrix(int persons, double sd, double missing) {
        return matrix(persons, sd, missing, null);
    }

    public ResponseMatrix matrix(int persons, double sd, double missing, double[] thetaOut) {
        int n = items.items();
        byte[] data = new byte[persons * n];
        double[] p = new double[items.largestMaxCategory() + 1];
        for (int v = 0; v < persons; v++) {
            double theta = sd * random.nextGaussian();
            if (thetaOut != null) {
                thetaOut[v] = theta;
            }
            for (int i = 0; i < n; i++) {
                data[v * n + i] = missing > 0 && random.nextDouble() < missing ? ResponseMatrix.MISSING : (byte) answer(i, theta, p);
            }
        }
        return new ResponseMatrix(items.itemNames(), persons, data);
    }
}
