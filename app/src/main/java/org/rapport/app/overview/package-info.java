/**
 * The staff home page, with the first-day guide ({@code FirstDayGuide}: the steps still to do, per school, in a
 * fragment of its own). What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.overview;
