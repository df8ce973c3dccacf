/**
 * The demo network, made through the services above. What it owns and which packages it may use:
 * docs/ARCHITECTURE.md.
 */
package org.rapport.app.demo;
