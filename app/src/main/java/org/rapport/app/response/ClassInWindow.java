package org.rapport.app.response;

/** One class of one window (a timetable class's parts are counted per class and window). */
public record ClassInWindow(long windowId, long classId) {
}
