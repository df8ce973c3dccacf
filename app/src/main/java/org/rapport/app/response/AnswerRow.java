package org.rapport.app.response;

import java.util.UUID;

/** One stored answer with what reports group it by: its response, window and class, and the teacher it is about. */
public record AnswerRow(UUID response, long windowId, Long classId, Long target, String item, int value) {
}
