package org.rapport.app.calibration;

/**
 * The kinds of group whose spread a calibration measures in its reference window, so that a part is shown for a
 * group only where it tells the group apart from others of its kind: schools (each school's window), classes and
 * teachers (pupils about each teacher). A team is a few teachers' pupils pooled: it is judged as a teacher is.
 */
public enum GroupKind { SCHOOL, CLASS, TEACHER }
