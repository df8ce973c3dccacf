/**
 * The languages on offer (a draft one shown to staff only), the reader's language (chosen, or the browser's; right
 * to left for Arabic), and a network's own translations: every text exported as CSV, a translated file imported
 * whole or not at all. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.language;
