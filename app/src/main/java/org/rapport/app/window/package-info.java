/**
 * Survey windows and waves (a network's windows of one name); closing after a confirmation with the response
 * rates, reopening until results are first seen or the set time has passed, what comes next. What it owns and
 * which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.window;
