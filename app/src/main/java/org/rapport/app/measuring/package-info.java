/**
 * Group measures of a wave: each response scored once and stored, new responses folded in by batch, every group
 * through the privacy engine, then means with intervals, shrunk; a wave frozen as shown once raw answers of it are
 * deleted. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.measuring;
