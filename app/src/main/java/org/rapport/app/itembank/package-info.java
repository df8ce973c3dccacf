/**
 * The items, relationships, respondent roles, the item draw. What it owns and which packages it may use:
 * docs/ARCHITECTURE.md.
 */
package org.rapport.app.itembank;
