/**
 * Goals a school, team or teacher sets on a part of a relationship, from a window's result to the window that will
 * tell, and their outcome with its interval; a teacher's own goals are private to them. What it owns and which
 * packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.goal;
