/**
 * The trust map, relationship and teacher views (unnamed peers as a spread only), their CSVs and API; sharing, a
 * teacher's and the leaders' own views, and the audit log. What it owns and which packages it may use:
 * docs/ARCHITECTURE.md.
 */
package org.rapport.app.report;
