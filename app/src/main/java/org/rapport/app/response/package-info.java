/**
 * Submitted questionnaires: stored once with their receipts, read for measures and comments; a timetable pupil's
 * parts held sealed until the window is settled (closed for good), then written one per transaction. What it owns
 * and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.response;
