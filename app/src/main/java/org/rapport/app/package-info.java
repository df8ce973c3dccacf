/**
 * The Rapport application: its entry point only. Each feature is a package of its own beside this one (what each
 * owns and which may use which: docs/ARCHITECTURE.md, held by ArchitectureTest).
 */
package org.rapport.app;
