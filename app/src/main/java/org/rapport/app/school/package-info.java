/**
 * Networks, schools, rosters (a OneRoster timetable's pupils as patterns of classes, counted; the names file),
 * staff accounts (a network admin may also be on one school's staff); onboarding and the first-run setup link;
 * which account each roster row is ({@code AccountMatcher}: staff id, then e-mail) and what an upload would change
 * ({@code RosterChanges}); invitation and password-reset links; who may see which school; a school's support text
 * and the network's retention period. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.school;
