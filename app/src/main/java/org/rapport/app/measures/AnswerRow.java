package org.rapport.app.measures;

import java.util.UUID;

/** One stored answer with what reports group it by. */
public record AnswerRow(UUID response, long windowId, long schoolId, Long classId, Long target, String item, int value) {

    /** The privacy engine's member id: the response, with the teacher for per-teacher blocks. */
    public String member() {
        return target == null ? response.toString() : response + "/" + target;
    }
}
