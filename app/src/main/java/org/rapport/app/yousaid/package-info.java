/**
 * "you said, we did": what a school's leaders heard (chosen from released results), what they will do and by when,
 * on a public page; a teacher's reply to their classes, shown in the next survey. What it owns and which packages
 * it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.yousaid;
