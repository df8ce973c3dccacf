/**
 * Deleting a window's raw answers (the wave frozen first, so never before the network is calibrated), the purge of
 * unused codes, the retention job, the deletion log (docs/DATA-PROTECTION.md). What it owns and which packages it
 * may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.retention;
