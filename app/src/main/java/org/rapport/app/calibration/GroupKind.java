package org.rapport.app.calibration;

/**
 * The kinds of group whose spread a calibration measures in its reference window, so that a part is shown for a
 * group only where it tells the group apart from others of its kind: schools (each school's window), classes,
 * teachers (pupils about each teacher) and teams (pupils about a team's teachers, as the roster gave the teams at
 * calibration: a team pools several teachers, so teams differ less than teachers do).
 */
public enum GroupKind { SCHOOL, CLASS, TEACHER, TEAM }
