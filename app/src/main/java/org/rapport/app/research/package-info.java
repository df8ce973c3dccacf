/**
 * The de-identified research export of a wave's item responses. What it owns and which packages it may use:
 * docs/ARCHITECTURE.md.
 */
package org.rapport.app.research;
