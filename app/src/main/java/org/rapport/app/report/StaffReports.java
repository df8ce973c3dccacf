package org.rapport.app.report;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What reports keep of one member of staff (shares of their report, its views, their own views), for two
 * records of one person merged into one (docs/ROSTER.md).
 */
@Service
public class StaffReports {
    private final ReportShares store;

    StaffReports(ReportShares store) {
        this.store = store;
    }

    /** The windows in which both gave their own view of one relationship (two views of one person cannot be one). */
    public List<Long> selfViewClashes(long a, long b) {
        return store.selfViewClashes(a, b);
    }

    /** How many shares of their report, views of it and own views the person has: "shares", "reportViews", "selfViews". */
    public Map<String, Integer> of(long staffId) {
        return store.countOf(staffId);
    }

    /** Everything of {@code from} becomes {@code into}'s; call in the merge's transaction. */
    public void move(long from, long into) {
        store.move(from, into);
    }
}
