/**
 * Taking a survey: sessions and drafts (a timetable pupil ticks their classes, and only the device that started a
 * survey gets it back), the submission (which screens comments for safeguarding in its transaction), the answer
 * validator, the survey pages and API. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.survey;
