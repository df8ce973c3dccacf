package org.rapport.app.measuring;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.Relationship;

/**
 * A response's measures packed for storage: per block (a relationship, about a teacher or no one), per
 * scale of the relationship in {@link Scales} order, the points and standard error (NaN when the block
 * has no measure on the scale), how often each answer value was given, and which of the scale's items it
 * answered (a bit each) with its raw score, what the reports' model of a group's answers needs. Written once,
 * read by every report of its wave. Scores of version 1 (no items and raw scores) are scored again on first use.
 */
final class BlockScores {
    private static final byte VERSION = 2;
    static final int VALUES = Item.MAX_VALUE + 1;

    private BlockScores() {
    }

    /**
     * One block's measures: for scale s of its relationship, points[s], errors[s], counts[s][value], the items it
     * answered items[s] (a bit per item in the calibration's order; 0: not known) and its raw score scores[s].
     */
    record Block(Relationship relationship, long target, float[] points, float[] errors, byte[][] counts, long[] items,
                 short[] scores) {
        boolean measured(int scale) {
            return !Float.isNaN(points[scale]);
        }
    }

    /** Whether stored scores are of the present version (older ones are scored again). */
    static boolean current(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == VERSION;
    }

    static byte[] encode(List<Block> blocks) {
        int size = 2;
        for (Block b : blocks) {
            size += 1 + 8 + b.points().length * (8 + VALUES + 8 + 2);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(VERSION).put((byte) blocks.size());
        for (Block b : blocks) {
            buf.put((byte) b.relationship().ordinal()).putLong(b.target());
            for (int s = 0; s < b.points().length; s++) {
                buf.putFloat(b.points()[s]).putFloat(b.errors()[s]).put(b.counts()[s]).putLong(b.items()[s]).putShort(b.scores()[s]);
            }
        }
        return buf.array();
    }

    static List<Block> decode(byte[] bytes, Scales scales) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.get() != VERSION) {
            throw new IllegalStateException("stored scores of an unknown version");
        }
        int n = buf.get() & 0xff;
        List<Block> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Relationship r = Relationship.values()[buf.get()];
            long target = buf.getLong();
            int count = scales.of(r).size();
            float[] points = new float[count];
            float[] errors = new float[count];
            byte[][] counts = new byte[count][VALUES];
            long[] items = new long[count];
            short[] scores = new short[count];
            for (int s = 0; s < count; s++) {
                points[s] = buf.getFloat();
                errors[s] = buf.getFloat();
                buf.get(counts[s]);
                items[s] = buf.getLong();
                scores[s] = buf.getShort();
            }
            out.add(new Block(r, target, points, errors, counts, items, scores));
        }
        return out;
    }
}
