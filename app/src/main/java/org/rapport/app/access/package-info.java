/**
 * Access codes: made and printed again (unused ones kept sealed, so a group's sheet, letters or e-mails give the
 * same codes; new ones only for new seats; a timetable pupil's made for their pattern, sealed), replaced (never
 * one with a draft or used; a timetable's pattern by pattern), entered, opened (unknown codes limited per address
 * and for everyone, buckets shared by all instances on a pool of their own), claimed (the seals go in the same
 * statement); e-mailed staff codes and reminders; response rates with unused and started codes per group, and a
 * timetable's teaching sets; unused codes purged to counts. What it owns and which packages it may use:
 * docs/ARCHITECTURE.md.
 */
package org.rapport.app.access;
