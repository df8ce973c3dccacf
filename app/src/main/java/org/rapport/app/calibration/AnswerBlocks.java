package org.rapport.app.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.response.AnswerRow;
import org.rapport.measure.ResponseMatrix;

/**
 * A calibration's answers numbered once for all its scales: each answer's item and value as numbers, and which block
 * (a response about one teacher or about no one) and which response it belongs to, blocks and responses numbered in
 * the order they first appear. Each scale then makes its matrix ({@link Scoring#calibrationMatrix}) and measures its
 * blocks ({@link Scoring#score}) from these numbers in one pass, with the same rows in the same order, instead of
 * grouping every answer again by its response's id.
 */
final class AnswerBlocks {
    private final List<String> itemIds = new ArrayList<>();
    private final int[] items;
    private final int[] values;
    private final int[] blockOf;
    private final int[] responseOf;
    /** Per block, in order of first appearance: where its answers are in {@link #byBlock}, and what it is. */
    private final int[] blockStart;
    /** Item numbers and values in block order. */
    private final int[] blockItems;
    private final int[] blockValues;
    private final UUID[] blockResponse;
    private final Long[] blockTarget;
    private final long[] blockWindow;
    private final Long[] blockClass;
    private final int responses;

    AnswerBlocks(List<AnswerRow> rows) {
        int n = rows.size();
        items = new int[n];
        values = new int[n];
        blockOf = new int[n];
        responseOf = new int[n];
        record Key(UUID response, Long target) {
        }
        Map<String, Integer> itemNumbers = new HashMap<>();
        Map<Key, Integer> blockNumbers = new HashMap<>();
        Map<UUID, Integer> responseNumbers = new HashMap<>();
        List<AnswerRow> firstOfBlock = new ArrayList<>();
        Key last = null;
        int lastBlock = -1;
        for (int k = 0; k < n; k++) {
            AnswerRow a = rows.get(k);
            items[k] = itemNumbers.computeIfAbsent(a.item(), i -> {
                itemIds.add(i);
                return itemIds.size() - 1;
            });
            values[k] = a.value();
            Key key = new Key(a.response(), a.target());
            // the rows come grouped by block: the previous row's block is asked first
            int block = key.equals(last) ? lastBlock : blockNumbers.computeIfAbsent(key, b -> {
                firstOfBlock.add(a);
                return firstOfBlock.size() - 1;
            });
            last = key;
            lastBlock = block;
            blockOf[k] = block;
            responseOf[k] = responseNumbers.computeIfAbsent(a.response(), r -> responseNumbers.size());
        }
        responses = responseNumbers.size();
        int blocks = firstOfBlock.size();
        blockResponse = new UUID[blocks];
        blockTarget = new Long[blocks];
        blockWindow = new long[blocks];
        blockClass = new Long[blocks];
        for (int b = 0; b < blocks; b++) {
            AnswerRow a = firstOfBlock.get(b);
            blockResponse[b] = a.response();
            blockTarget[b] = a.target();
            blockWindow[b] = a.windowId();
            blockClass[b] = a.classId();
        }
        // each block's answers together, in the order they came (a counting sort by block)
        blockStart = new int[blocks + 1];
        for (int b : blockOf) {
            blockStart[b + 1]++;
        }
        for (int b = 0; b < blocks; b++) {
            blockStart[b + 1] += blockStart[b];
        }
        blockItems = new int[n];
        blockValues = new int[n];
        int[] next = Arrays.copyOf(blockStart, blocks);
        for (int k = 0; k < n; k++) {
            int p = next[blockOf[k]]++;
            blockItems[p] = items[k];
            blockValues[p] = values[k];
        }
    }

    /** The same matrix as {@link Scoring#calibrationMatrix} of these rows. */
    ResponseMatrix matrix(Scale scale, ItemBank bank) {
        List<Item> scaleItems = scale.items(bank);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < scaleItems.size(); i++) {
            column.put(scaleItems.get(i).id(), i);
        }
        int[] columnOf = new int[itemIds.size()];
        for (int i = 0; i < columnOf.length; i++) {
            columnOf[i] = column.getOrDefault(itemIds.get(i), -1);
        }
        boolean pooled = scale.relationship().perTarget() && !scale.isRelationship()
                && scale.relationship().itemsPerFacet() < 2;
        // units (blocks, or whole responses where pooled) in the order of their first answer on the scale, each with its rows
        int[] unitOrder = new int[pooled ? responses : blockResponse.length];
        Arrays.fill(unitOrder, -1);
        List<List<int[]>> rowsByUnit = new ArrayList<>();
        int width = scaleItems.size();
        for (int k = 0; k < items.length; k++) {
            int j = columnOf[items[k]];
            if (j < 0) {
                continue;
            }
            int unit = pooled ? responseOf[k] : blockOf[k];
            if (unitOrder[unit] < 0) {
                unitOrder[unit] = rowsByUnit.size();
                rowsByUnit.add(new ArrayList<>(1));
            }
            List<int[]> rows = rowsByUnit.get(unitOrder[unit]);
            int[] target = null;
            for (int[] row : rows) {
                if (row[j] == ResponseMatrix.MISSING) {
                    target = row;
                    break;
                }
            }
            if (target == null) {
                target = new int[width];
                Arrays.fill(target, ResponseMatrix.MISSING);
                rows.add(target);
            }
            target[j] = values[k];
        }
        int[][] all = rowsByUnit.stream().flatMap(List::stream).toArray(int[][]::new);
        return ResponseMatrix.of(scaleItems.stream().map(Item::id).toList(), all);
    }

    /** The same measures as {@link Scoring#score} of these rows, in the same order. */
    List<UnitMeasure> score(Scoring.Anchored anchored) {
        int[] columns = anchored.columns(itemIds);
        List<UnitMeasure> out = new ArrayList<>(blockResponse.length);
        for (int b = 0; b < blockResponse.length; b++) {
            UnitMeasure m = anchored.score(blockResponse[b], blockTarget[b], blockWindow[b], blockClass[b], columns, blockItems,
                    blockValues, blockStart[b], blockStart[b + 1]);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }
}
