/**
 * The privacy engine: which groups may be shown (the exact, sparse, incremental audit), and the ledger of what
 * was. What it owns and which packages it may use: docs/ARCHITECTURE.md.
 */
package org.rapport.app.privacy;
