/**
 * Rasch calibration of every scale on a reference window, scoring on anchored parameters, item drift; the
 * calibration page. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.calibration;
